"""`ensure_admin`: the demo's superuser, from the environment or with a password printed once."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command


def ensure_admin():
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    return out.getvalue()


@pytest.fixture
def no_superuser_env(monkeypatch):
    for name in ("DJANGO_SUPERUSER_USERNAME", "DJANGO_SUPERUSER_PASSWORD", "DJANGO_SUPERUSER_EMAIL"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.django_db
def test_ensure_admin_uses_the_credentials_from_the_environment(monkeypatch, no_superuser_env):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "chief")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-editor-secret")

    output = ensure_admin()

    user = get_user_model().objects.get(username="chief")
    assert user.is_superuser and user.is_staff
    assert user.check_password("a-long-editor-secret")
    assert "a-long-editor-secret" not in output
    assert "exists already" in ensure_admin()
    assert get_user_model().objects.count() == 1


@pytest.mark.django_db
def test_ensure_admin_without_environment_prints_a_generated_password_once(no_superuser_env):
    output = ensure_admin()

    password = re.search(r"with password (\S+)", output).group(1)
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser
    assert user.check_password(password)
    assert len(password) >= 16

    again = ensure_admin()
    assert "exists already" in again
    assert password not in again
    assert get_user_model().objects.count() == 1


@pytest.mark.django_db
def test_ensure_admin_leaves_an_existing_superuser_alone(no_superuser_env, django_user_model):
    django_user_model.objects.create_superuser("editor-in-chief", password="kept-as-it-is-123")

    assert "exists already" in ensure_admin()
    assert not django_user_model.objects.filter(username="admin").exists()
    assert django_user_model.objects.get().check_password("kept-as-it-is-123")
