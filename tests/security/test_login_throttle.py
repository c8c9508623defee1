"""Admin login throttle: wrong passwords lock out the account and the address, for a while."""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def chief(django_user_model):
    return django_user_model.objects.create_superuser("chief", "chief@example.org", "right-Password-1")


def attempt(client, username, password, address="198.51.100.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_the_right_password_after_too_many_wrong_ones_is_refused(chief, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "chief", "wrong").status_code == 200  # the form again, with its error
    locked = attempt(client, "chief", "wrong")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert "15 minutes" in locked.content.decode()
    right = attempt(client, "chief", "right-Password-1")
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_account_is_locked_from_any_address(chief, settings):
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "chief", "wrong", address=f"203.0.113.{n + 1}")
    assert attempt(Client(), "chief", "right-Password-1", address="192.0.2.99").status_code == 429


def test_an_address_trying_many_accounts_is_locked(chief, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), f"guess{n}", "wrong")
    assert attempt(Client(), "chief", "right-Password-1").status_code == 429
    # Another address still gets in.
    assert attempt(Client(), "chief", "right-Password-1", address="192.0.2.10").status_code == 302


def test_the_lockout_counts_the_address_behind_our_trusted_proxy(chief, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client().post(
            LOGIN, {"username": "x", "password": "wrong"}, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7"
        )
    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"
    # Another reader behind the same proxy is not locked out with them.
    other = Client().post(
        LOGIN,
        {"username": "chief", "password": "right-Password-1"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.5",
    )
    assert other.status_code == 302


def test_the_lockout_ends_after_the_cool_off(chief, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), "chief", "wrong")
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(seconds=1)):
        assert attempt(Client(), "chief", "right-Password-1").status_code == 302


def test_administrators_read_the_attempts_and_unlock_in_the_admin(chief, settings, django_user_model):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), "chief", "wrong")
    admin = django_user_model.objects.create_superuser("second", "s@example.org", "pw-second-1")
    desk = Client()
    desk.force_login(admin)
    listing = desk.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200
    assert "chief" in listing.content.decode()
    record = AccessAttempt.objects.get(username="chief")
    desk.post(f"/admin/axes/accessattempt/{record.pk}/delete/", {"post": "yes"})
    assert not AccessAttempt.objects.exists()
    assert attempt(Client(), "chief", "right-Password-1").status_code == 302
