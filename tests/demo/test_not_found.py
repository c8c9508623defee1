"""With DEMO on, the demo (DEBUG on) shows readers the site's own 404 in their edition's language."""

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

DJANGO_TECHNICAL_404 = "Using the URLconf defined in"


def test_without_demo_debug_shows_djangos_technical_page(client, debug):
    response = client.get("/ru/no-such-page/")
    assert response.status_code == 404
    assert DJANGO_TECHNICAL_404 in response.content.decode()


@pytest.mark.parametrize(("edition", "heading"), [("en", "Page not found"), ("ru", "Страница не найдена")])
@pytest.mark.parametrize("path", ["no-such-section/", "no/such/page/here/"])  # a view's 404; no pattern at all
def test_an_address_nothing_answers_gets_the_sites_page_in_the_editions_language(client, demo, edition, heading, path):
    response = client.get(f"/{edition}/{path}")

    assert response.status_code == 404
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert f'lang="{edition}"' in page
    assert DJANGO_TECHNICAL_404 not in page


def test_a_story_that_is_not_there_gets_the_sites_page(client, demo):
    story = ArticleFactory(edition="ru", section__edition="ru")
    missing = story.get_absolute_url().replace(f"/{story.pk}-", f"/{story.pk + 1000}-")

    response = client.get(missing)

    assert response.status_code == 404
    assert "<h1>Страница не найдена</h1>" in response.content.decode()


def test_a_missing_slash_still_redirects(client, demo):
    story = ArticleFactory(edition="en")
    assert client.get(story.get_absolute_url().rstrip("/")).status_code == 301
