"""The production cache backend keeps one Redis client per connection pool instead of one per call."""

import secrets

import pytest
from django.core.cache import caches

from .conftest import REDIS_URL


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "newsportal.cache.ResilientRedisCache", "LOCATION": REDIS_URL}}
    cache = caches["default"]
    yield cache
    cache.close()


def test_every_call_uses_the_same_client(redis_cache):
    key = f"test-client-{secrets.token_hex(6)}"
    redis_cache.set(key, "stored", 30)
    assert redis_cache.get(key) == "stored"
    assert redis_cache._cache.get_client(key) is redis_cache._cache.get_client(key, write=True)
    redis_cache.delete(key)


def test_the_shared_client_reconnects_after_its_connections_are_dropped(redis_cache):
    key = f"test-client-{secrets.token_hex(6)}"
    redis_cache.set(key, "stored", 30)
    redis_cache._cache.get_client(key).connection_pool.disconnect()
    assert redis_cache.get(key) == "stored"
    assert redis_cache.get_many([key]) == {key: "stored"}
    redis_cache.delete(key)
