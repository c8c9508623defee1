"""The demo's own pages (about, contacts, terms, privacy) in both editions, linked from the footer."""

import pytest
from bs4 import BeautifulSoup

from articles.infopages.models import InfoPage
from demo.sitepages import PAGES, demo_site_pages_ensure

pytestmark = pytest.mark.django_db


def test_each_edition_gets_its_pages_once_and_an_editors_change_is_kept():
    assert demo_site_pages_ensure(editions=["en", "ru"]) == len(PAGES["en"]) + len(PAGES["ru"])
    about = InfoPage.objects.get(edition="ru", slug="about")
    about.title = "Об агентстве"
    about.save()

    assert demo_site_pages_ensure(editions=["en", "ru"]) == 0
    assert InfoPage.objects.get(edition="ru", slug="about").title == "Об агентстве"


@pytest.mark.parametrize(("edition", "titles"), [("en", ["About us", "Contacts"]), ("ru", ["О нас", "Контакты"])])
def test_the_footer_links_the_editions_pages(client, edition, titles):
    demo_site_pages_ensure(editions=["en", "ru"])
    footer = BeautifulSoup(client.get(f"/{edition}/").content.decode(), "html.parser").footer
    links = [a.get_text(strip=True) for a in footer.select("a")]
    for title in titles:
        assert title in links
    about = client.get(f"/{edition}/info/about/")
    assert about.status_code == 200
    assert "Newsportal" in about.content.decode()
