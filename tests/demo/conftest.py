import pytest


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    return settings


@pytest.fixture
def demo(debug):
    """What settings.py does when DEMO is set."""
    middleware = list(debug.MIDDLEWARE)
    middleware.insert(
        middleware.index("django.middleware.locale.LocaleMiddleware") + 1, "demo.middleware.SiteErrorPagesMiddleware"
    )
    debug.MIDDLEWARE = middleware
    return debug
