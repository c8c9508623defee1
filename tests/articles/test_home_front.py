"""The home page as a reader sees it: the lead once, section blocks without their own label, the latest
stream with short times; the header marks the current section; the footer leads everywhere; a useful 404
and a 500 that needs no database."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.utils import timezone, translation

from articles.infopages.models import InfoPage
from newsportal.readers.errors import server_error
from tests.factories import ArticleFactory, SectionFactory


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def front(db):
    """Two sections of five stories; the lead (featured) is the economy section's newest."""
    now = timezone.now()
    economy = SectionFactory(slug="economy", name="Economy", position=0)
    politics = SectionFactory(slug="politics", name="Politics", position=1)
    stories = {}
    for i in range(5):
        stories[f"economy-{i}"] = ArticleFactory(
            section=economy, title=f"Prices story {i}", published_at=now - timedelta(hours=1 + i)
        )
        stories[f"politics-{i}"] = ArticleFactory(
            section=politics, title=f"Vote story {i}", published_at=now - timedelta(hours=1, minutes=30 + i * 60)
        )
    lead = stories["economy-2"]
    lead.is_featured = True
    lead.save()
    return {"economy": economy, "politics": politics, "lead": lead, **stories}


@pytest.mark.django_db
def test_the_lead_is_shown_once_and_its_block_holds_four_others(client, front):
    page = soup(client.get("/en/"))
    titles = [a.get_text(strip=True) for a in page.select("main a")]
    assert titles.count("Prices story 2") == 1
    assert page.select_one(".home__lead").get_text().count("Prices story 2") == 1
    block = page.select_one("#block-economy").find_parent("section")
    in_block = [a.get_text(strip=True) for a in block.select(".brief__title a, .headline a")]
    assert in_block == ["Prices story 0", "Prices story 1", "Prices story 3", "Prices story 4"]


@pytest.mark.django_db
def test_section_blocks_do_not_repeat_their_own_label(client, front):
    page = soup(client.get("/en/"))
    for block in page.select(".section-block"):
        name = block.select_one(".section-block__title").get_text(strip=True)
        assert not block.select(".card__section")
        assert block.get_text().count(name) == 1


@pytest.mark.django_db
def test_the_latest_stream_writes_todays_times_as_the_clock(client, front):
    page = soup(client.get("/en/"))
    items = page.select(".latest__item")
    assert len(items) == 9  # every story but the lead
    for item in items:
        moment = timezone.localtime(timezone.datetime.fromisoformat(item.time["datetime"]))
        shown = item.time.get_text()
        if moment.date() == timezone.localdate():
            assert shown == f"{moment:%H:%M}"
        else:
            assert shown.endswith(f"{moment:%H:%M}") and str(moment.year) not in shown


@pytest.mark.django_db
def test_the_section_navigation_marks_where_the_reader_is(client, front):
    def marked(path):
        links = soup(client.get(path)).select(".section-nav a[aria-current]")
        return [(a.get_text(strip=True), a["aria-current"]) for a in links]

    assert marked("/en/") == []
    assert marked(front["politics"].get_absolute_url()) == [("Politics", "page")]
    assert marked(front["economy-1"].get_absolute_url()) == [("Economy", "true")]
    # The navigation kept for one page is not the one of another.
    assert marked(front["economy"].get_absolute_url()) == [("Economy", "page")]


@pytest.mark.django_db
def test_the_header_search_works_without_scripts(client, front):
    page = soup(client.get("/en/"))
    toggle = page.select_one(".site-header .search-toggle")
    assert toggle["href"] == "/en/search/"
    form = page.select_one(".site-header form[role=search]")
    assert form["action"] == "/en/search/" and form.select_one("input[name=q]")


@pytest.mark.django_db
def test_the_footer_leads_to_sections_site_pages_feeds_and_the_other_edition(client, front):
    InfoPage.objects.create(edition="en", slug="about", title="About us", body="<p>An agency.</p>", position=0)
    InfoPage.objects.create(edition="en", slug="contacts", title="Contacts", body="<p>Call us.</p>", position=1)
    InfoPage.objects.create(edition="en", slug="old", title="Old page", in_footer=False)
    InfoPage.objects.create(edition="ru", slug="about", title="О нас", body="<p>Агентство.</p>")
    footer = soup(client.get("/en/")).select_one("footer")
    links = {a.get_text(" ", strip=True): a["href"] for a in footer.select("a")}
    assert links["Economy"] == "/en/economy/"
    assert links["Politics"] == "/en/politics/"
    assert links["About us"] == "/en/info/about/"
    assert links["Contacts"] == "/en/info/contacts/"
    assert "Old page" not in links and "О нас" not in links
    assert links["RSS feed"] == "/en/feeds/rss/"
    assert links["Atom feed"] == "/en/feeds/atom/"
    assert footer.select_one(".edition-switch a[hreflang=ru]")["href"] == "/ru/"


@pytest.mark.django_db
def test_a_new_site_page_reaches_every_cached_footer(client, front, settings):
    settings.PAGE_CACHE_SECONDS = 300
    assert client.get("/en/").get("X-Page-Cache") != "hit"
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    InfoPage.objects.create(edition="en", slug="terms", title="Terms of use", body="<p>Quote with a link.</p>")
    response = client.get("/en/")
    assert response.get("X-Page-Cache") != "hit"
    assert "Terms of use" in soup(response).select_one("footer").get_text()


@pytest.mark.django_db
def test_site_pages_are_per_edition_and_sanitised(client):
    body = '<p>Агентство.</p><script>alert(1)</script><p onclick="x()">!</p>'
    InfoPage.objects.create(edition="ru", slug="about", title="О нас", body=body)
    response = client.get("/ru/info/about/")
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text() == "О нас"
    assert "Агентство." in page.select_one(".info-page").get_text()
    assert not page.select(".info-page script") and not page.select(".info-page [onclick]")
    assert client.get("/en/info/about/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(("edition", "heading"), [("en", "Page not found"), ("ru", "Страница не найдена")])
def test_the_404_page_offers_search_and_the_latest_stories(client, edition, heading):
    section = SectionFactory(edition=edition)
    ArticleFactory(edition=edition, section=section, title=f"Newest {edition} story")
    response = client.get(f"/{edition}/no-such-section/no-such-page/")
    assert response.status_code == 404
    page = soup(response)
    assert page.h1.get_text() == heading
    assert page.select_one(f"main form[role=search][action='/{edition}/search/'] input[name=q]")
    assert [a.get_text() for a in page.select("main .latest__item a")] == [f"Newest {edition} story"]


@pytest.mark.django_db
def test_missing_pages_keep_their_latest_list_until_the_site_changes(client, django_assert_num_queries):
    section = SectionFactory(edition="en")
    ArticleFactory(edition="en", section=section, title="First story")
    assert client.get("/en/no-such-page/").status_code == 404
    with django_assert_num_queries(0):  # scanners and dead links: a second miss reads no story
        again = client.get("/en/nor-this-one/")
    assert [a.get_text() for a in soup(again).select("main .latest__item a")] == ["First story"]
    ArticleFactory(edition="en", section=section, title="Second story")
    titles = [a.get_text() for a in soup(client.get("/en/no-such-page/")).select("main .latest__item a")]
    assert titles == ["Second story", "First story"]


@pytest.mark.parametrize("edition", ["en", "ru"])
def test_the_500_page_needs_no_database_and_offers_search(edition):
    # No database access is allowed in this test: any query would fail it.
    with translation.override(edition):
        response = server_error(RequestFactory().get(f"/{edition}/"))
    assert response.status_code == 500
    page = soup(response)
    assert page.select_one(f"form[role=search][action='/{edition}/search/'] input[name=q]")
    assert page.select_one(".site-logo")
