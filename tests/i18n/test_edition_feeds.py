"""Feeds and sitemaps come per edition, in the edition's language."""

import pytest

from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories():
    en = ArticleFactory(edition="en", title="Central bank holds rates", section__slug="economy")
    ru_section = SectionFactory(edition="ru", name="Экономика", slug="ekonomika")
    ru = ArticleFactory(edition="ru", section=ru_section, title="Центробанк сохранил ставку", translation_of=en)
    return en, ru


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_russian_feed_has_russian_stories_under_a_russian_title(client, stories, kind):
    en, ru = stories
    xml = client.get(f"/ru/feeds/{kind}/").content.decode()
    assert "Newsportal: последние новости" in xml
    assert ru.title in xml
    assert en.title not in xml
    assert ("<language>ru</language>" if kind == "rss" else 'xml:lang="ru"') in xml


def test_english_feed_stays_english(client, stories):
    en, ru = stories
    xml = client.get("/en/feeds/rss/").content.decode()
    assert "Newsportal: latest news" in xml
    assert "<language>en</language>" in xml
    assert en.title in xml
    assert ru.title not in xml


def test_section_feed_of_the_russian_edition(client, stories):
    _en, ru = stories
    xml = client.get("/ru/feeds/sections/ekonomika/rss/").content.decode()
    assert "<title>Newsportal: Экономика</title>" in xml
    assert ru.title in xml
    assert client.get("/en/feeds/sections/ekonomika/rss/").status_code == 404


def test_russian_pages_announce_the_russian_feeds(client, stories):
    _en, ru = stories
    html = client.get(ru.get_absolute_url()).content.decode()
    assert 'title="Newsportal: последние новости (RSS)" href="/ru/feeds/rss/"' in html
    assert 'title="Newsportal: Экономика (RSS)" href="/ru/feeds/sections/ekonomika/rss/"' in html


def test_sitemaps_per_edition(client, stories):
    en, ru = stories
    index = client.get("/sitemap.xml").content.decode()
    for name in ("stories-en", "stories-ru", "news-en", "news-ru"):
        assert f"/sitemap-{name}.xml" in index
    russian = client.get("/sitemap-news-ru.xml").content.decode()
    assert "<news:language>ru</news:language>" in russian
    assert ru.get_absolute_url() in russian
    assert en.get_absolute_url() not in russian
