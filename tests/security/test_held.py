"""What the attack on the site found holding, kept held: injection, script, redirects, Host header."""

import pytest
from django.test import Client

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SQL = ["' OR '1'='1", "1; DROP TABLE articles_article; --", "\\' UNION SELECT password FROM auth_user --", "%' --"]
SCRIPT = '<script>alert("x")</script>'


@pytest.mark.parametrize("query", SQL)
def test_sql_in_search_is_a_search_for_the_words(client, query):
    live = ArticleFactory(title="Budget passes", slug="budget-passes")
    ArticleFactory(title="Embargoed budget", slug="embargoed-budget", draft=True)
    response = client.get("/en/search/", {"q": query})
    assert response.status_code in (200, 400)
    page = response.content.decode()
    assert "Embargoed" not in page
    assert client.get(live.get_absolute_url()).status_code == 200  # the table is still there


@pytest.mark.parametrize("url", ["/en/search/?q={}", "/en/tags/{}/", "/en/?page={}"])
def test_markup_in_the_address_never_comes_back_as_markup(client, url):
    response = client.get(url.format('%3Cscript%3Ealert("x")%3C/script%3E'))
    assert response.status_code in (200, 400, 404)
    assert SCRIPT not in response.content.decode()


OFF_SITE = ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_language_switch_never_sends_a_reader_to_another_site(client, target):
    response = client.post("/i18n/setlang/", {"language": "ru", "next": target})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert not response["Location"].startswith("javascript:")


def test_a_typo_report_never_redirects_off_the_site(client):
    story = ArticleFactory()
    response = client.post(
        "/en/reader/typo/",
        {"article": story.pk, "selection": "comfortable majority", "url": "https://evil.example/phish"},
        HTTP_USER_AGENT="Mozilla/5.0",
    )
    assert response.status_code == 302
    assert response["Location"].startswith(story.get_absolute_url())


@pytest.mark.parametrize("host", ["evil.example", "testserver.evil.example", "testserver:80@evil.example"])
def test_a_foreign_host_header_is_refused(host):
    response = Client(raise_request_exception=False).get("/en/", HTTP_HOST=host)
    assert response.status_code == 400
    assert host not in response.content.decode()
