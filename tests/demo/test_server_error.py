"""With DEMO on, a fault shows readers the site's own 500 page in their edition's language, not Django's
technical page with the settings and the traceback; the traceback still reaches the log."""

import logging

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.demo.faulty_urls")]

DJANGO_TECHNICAL_500 = "Traceback"


def test_without_demo_debug_shows_djangos_technical_page(client, debug):
    client.raise_request_exception = False

    response = client.get("/en/broken/")

    assert response.status_code == 500
    assert DJANGO_TECHNICAL_500 in response.content.decode()


@pytest.mark.parametrize(("edition", "heading"), [("en", "Something went wrong"), ("ru", "Что-то пошло не так")])
def test_a_fault_gets_the_sites_page_in_the_editions_language(client, demo, caplog, edition, heading):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get(f"/{edition}/broken/")

    assert response.status_code == 500
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert f'lang="{edition}"' in page
    assert DJANGO_TECHNICAL_500 not in page
    assert "a bug in a view" not in page
    # The developer running the demo still sees what broke.
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info[0] is ZeroDivisionError


def test_a_suspicious_request_gets_the_sites_400_page(client, demo):
    response = client.get("/ru/suspicious/")

    assert response.status_code == 400
    page = response.content.decode()
    assert DJANGO_TECHNICAL_500 not in page
    assert "a request that could not be trusted" not in page
    assert 'lang="ru"' in page
