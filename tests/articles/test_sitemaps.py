"""What crawlers are given: the sitemap index, each edition's sitemaps, Google News sitemaps, robots.txt."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from articles.discovery import sitemaps
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)  # noqa: S314 (our own output)


def locations(root):
    return [loc.text for loc in root.iterfind(".//sm:loc", NS)]


def test_index_lists_every_sitemap(client):
    ArticleFactory()

    root = xml(client, "/sitemap.xml")

    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    # The index gives each stories sitemap the newest change among its stories (one query, not a load).
    assert root.find(".//sm:lastmod", NS) is not None
    assert set(locations(root)) == {
        f"http://testserver/sitemap-{kind}-{lang}.xml"
        for kind in ("sections", "stories", "news")
        for lang in ("en", "ru")
    }


def test_story_sitemap_holds_published_stories_of_its_edition(client):
    visible = ArticleFactory(updated_at=timezone.now())
    ArticleFactory(draft=True)
    ArticleFactory(scheduled=True)
    russian = ArticleFactory(edition="ru", slug="novost")

    english = xml(client, "/sitemap-stories-en.xml")

    assert locations(english) == [f"http://testserver{visible.get_absolute_url()}"]
    assert english.find(".//sm:lastmod", NS).text == timezone.localtime(visible.updated_at).date().isoformat()
    assert locations(xml(client, "/sitemap-stories-ru.xml")) == [f"http://testserver{russian.get_absolute_url()}"]


def test_section_sitemap(client):
    SectionFactory(slug="politics", name="Politics")
    SectionFactory(edition="ru", slug="politika", name="Политика")

    assert locations(xml(client, "/sitemap-sections-en.xml")) == ["http://testserver/en/politics/"]
    assert locations(xml(client, "/sitemap-sections-ru.xml")) == ["http://testserver/ru/politika/"]


def test_long_story_sitemaps_are_split_into_pages(client, monkeypatch):
    monkeypatch.setattr(sitemaps.StorySitemap, "limit", 3)
    section = SectionFactory()
    for _ in range(7):
        ArticleFactory(section=section)

    index = locations(xml(client, "/sitemap.xml"))

    assert "http://testserver/sitemap-stories-en.xml?p=3" in index
    assert len(locations(xml(client, "/sitemap-stories-en.xml?p=3"))) == 1
    assert client.get("/sitemap-stories-en.xml?p=4").status_code == 404


def test_news_sitemap_has_the_last_two_days_in_google_news_format(client):
    fresh = ArticleFactory(title="Rates & bonds <today>", published_at=timezone.now() - timedelta(hours=5))
    ArticleFactory(title="Three days old", published_at=timezone.now() - timedelta(days=3))
    ArticleFactory(edition="ru", slug="svezhaya", title="Свежая новость")

    root = xml(client, "/sitemap-news-en.xml")

    [url] = root.findall("sm:url", NS)
    assert url.find("sm:loc", NS).text == f"http://testserver{fresh.get_absolute_url()}"
    news = url.find("news:news", NS)
    assert news.find("news:publication/news:name", NS).text == "Newsportal"
    assert news.find("news:publication/news:language", NS).text == "en"
    assert news.find("news:title", NS).text == "Rates & bonds <today>"
    # W3C date-time with the offset (fractions of a second are allowed).
    assert news.find("news:publication_date", NS).text == timezone.localtime(fresh.published_at).isoformat()
    russian = xml(client, "/sitemap-news-ru.xml")
    assert russian.find(".//news:language", NS).text == "ru"
    assert russian.find(".//news:title", NS).text == "Свежая новость"


def test_unknown_sitemap_is_404(client):
    assert client.get("/sitemap-nothing-en.xml").status_code == 404


def test_robots_txt_points_at_sitemaps_and_keeps_crawlers_out_of_admin(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /en/search/" in lines and "Disallow: /ru/reader/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news-en.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news-ru.xml" in lines
    assert not any(line == "Disallow: /" for line in lines)


def test_sitemaps_are_kept_in_the_shared_cache_for_a_few_minutes(client, django_assert_num_queries):
    first = ArticleFactory()
    xml(client, "/sitemap-stories-en.xml")
    ArticleFactory()

    with django_assert_num_queries(0):
        again = xml(client, "/sitemap-stories-en.xml")

    assert locations(again) == [f"http://testserver{first.get_absolute_url()}"]
    assert client.get("/sitemap.xml")["Cache-Control"] == "max-age=300"
