"""The "Please confirm" page after a failed CSRF check: a resend button for readers of our own pages only."""

import pytest
from django.test import Client

from comments.models import Comment

pytestmark = pytest.mark.django_db

RESEND = "Send again"


@pytest.fixture
def browser():
    """A browser without a token on the page (a cached copy) and a stale cookie."""
    client = Client(enforce_csrf_checks=True, HTTP_USER_AGENT="Mozilla/5.0")
    client.cookies["csrftoken"] = "a" * 32
    return client


def test_reader_of_our_own_page_gets_the_confirm_page_with_their_text(browser, story, form_data, post_url):
    response = browser.post(post_url(story), form_data(text="My considered view"), HTTP_ORIGIN="http://testserver")
    assert response.status_code == 403
    page = response.content.decode()
    assert RESEND in page
    assert "My considered view" in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_reader_without_a_cookie_gets_the_confirm_page_with_their_text(story, form_data, post_url):
    client = Client(enforce_csrf_checks=True, HTTP_USER_AGENT="Mozilla/5.0")
    response = client.post(post_url(story), form_data(text="Sent from a cached page"))
    assert response.status_code == 403
    assert RESEND in response.content.decode()
    assert "Sent from a cached page" in response.content.decode()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/page.html"},
        {"HTTP_ORIGIN": "http://testserver.evil.example"},
        {"HTTP_ORIGIN": "http://testserver", "HTTP_REFERER": "https://evil.example/"},
    ],
)
def test_a_post_from_another_site_gets_no_resend_button_and_no_fields(browser, story, form_data, post_url, headers):
    response = browser.post(post_url(story), form_data(text="forged words"), **headers)
    assert response.status_code == 403
    page = response.content.decode()
    assert RESEND not in page
    assert "forged words" not in page
    assert "<form" not in page.split('id="main"', 1)[1]
    assert not Comment.objects.exists()


def test_admin_forms_are_never_offered_again(admin_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    client.cookies["csrftoken"] = "a" * 32
    # What the attacker's page sent: no Origin header at all (the request looks like our own).
    response = client.post(
        f"/admin/auth/user/{admin_user.pk}/password/", {"password1": "Pwned-123456", "password2": "Pwned-123456"}
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert RESEND not in page
    assert "Pwned-123456" not in page
    admin_user.refresh_from_db()
    assert admin_user.check_password("password")


def test_staff_members_never_get_the_confirm_page_on_reader_forms(admin_user, story, form_data, post_url):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    client.cookies["csrftoken"] = "a" * 32
    response = client.post(post_url(story), form_data(text="approved by itself"), HTTP_ORIGIN="http://testserver")
    assert response.status_code == 403
    assert RESEND not in response.content.decode()
    assert "approved by itself" not in response.content.decode()
    assert not Comment.objects.exists()


def test_scripts_get_json_whatever_the_origin(browser, story, form_data, post_url):
    response = browser.post(
        post_url(story), form_data(), HTTP_ACCEPT="application/json", HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 403
    assert response.json()["ok"] is False and response.json()["message"]
