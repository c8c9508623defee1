"""RSS and Atom feeds: valid for feed readers, with dates, bylines, categories and the image."""

from datetime import UTC, timedelta

import feedparser
import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Photo
from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory, SectionFactory

pytestmark = pytest.mark.django_db

FEEDS = {
    "edition": ("/en/feeds/rss/", "/en/feeds/atom/"),
    "section": ("/en/feeds/sections/economy/rss/", "/en/feeds/sections/economy/atom/"),
    "tag": ("/en/feeds/tags/rates/rss/", "/en/feeds/tags/rates/atom/"),
}
ALL_FEEDS = [(kind, url) for kind, urls in FEEDS.items() for url in urls]


@pytest.fixture
def story():
    economy = SectionFactory(slug="economy", name="Economy")
    return ArticleFactory(
        title="Central bank holds rates",
        lead="The bank kept its key rate unchanged.",
        section=economy,
        authors=[AuthorFactory(name="Anna Petrova"), AuthorFactory(name="Oleg Sidorov")],
        tags=["rates", "central bank"],
        image=PhotoFactory(),
        published_at=timezone.now() - timedelta(hours=3),
        updated_at=timezone.now() - timedelta(hours=1),
    )


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, (url, parsed.get("bozo_exception"))
    return response, parsed


@pytest.mark.parametrize(("kind", "url"), ALL_FEEDS)
def test_feed_items_carry_what_readers_show(client, story, kind, url):
    response, parsed = parse(client, url)

    assert response["Content-Type"].startswith("application/rss+xml" if "rss" in url else "application/atom+xml")
    if "rss" in url:
        assert parsed.feed.language == "en"
    [entry] = parsed.entries
    assert entry.title == "Central bank holds rates"
    assert entry.link == f"http://testserver{story.get_absolute_url()}"
    assert "The bank kept its key rate unchanged." in entry.summary
    assert entry.author == "Anna Petrova, Oleg Sidorov"
    assert {tag.term for tag in entry.tags} == {"Economy", "rates", "central bank"}
    published = story.published_at.astimezone(UTC).timetuple()[:6]
    updated = story.updated_at.astimezone(UTC).timetuple()[:6]
    assert tuple(entry.published_parsed)[:6] == published
    # RSS has no per-item update time (feed readers take pubDate); Atom has <updated>.
    assert tuple(entry.updated_parsed)[:6] == (published if "rss" in url else updated)
    [enclosure] = entry.enclosures
    assert enclosure.href == f"http://testserver{story.image.image.url}"
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == default_storage.size(story.image.image.name) > 0


def test_atom_feed_has_published_and_updated_times(client, story):
    _response, parsed = parse(client, "/en/feeds/atom/")

    [entry] = parsed.entries
    assert tuple(entry.published_parsed)[:6] == story.published_at.astimezone(UTC).timetuple()[:6]
    assert tuple(entry.updated_parsed)[:6] == story.updated_at.astimezone(UTC).timetuple()[:6]
    assert parsed.feed.title == "Newsportal: latest news"


def test_feeds_name_their_subject(client, story):
    assert parse(client, "/en/feeds/sections/economy/rss/")[1].feed.title == "Newsportal: Economy"
    assert parse(client, "/en/feeds/tags/rates/atom/")[1].feed.title == "Newsportal: stories tagged “rates”"
    assert parse(client, "/en/feeds/sections/economy/rss/")[1].feed.link == "http://testserver/en/economy/"


def test_wire_copy_is_credited_to_its_agency(client):
    ArticleFactory(title="Wire story", source_name="TASS")

    [entry] = parse(client, "/en/feeds/rss/")[1].entries

    assert entry.author == "TASS"
    assert "enclosures" not in entry or entry.enclosures == []


def test_feed_lists_published_stories_of_its_edition_newest_first(client):
    ArticleFactory(title="Older", published_at=timezone.now() - timedelta(hours=5))
    ArticleFactory(title="Newer", published_at=timezone.now() - timedelta(hours=1))
    ArticleFactory(title="Draft", draft=True)
    ArticleFactory(title="Scheduled", scheduled=True)
    ArticleFactory(title="Russian", edition="ru", slug="russian")

    entries = parse(client, "/en/feeds/rss/")[1].entries

    assert [entry.title for entry in entries] == ["Newer", "Older"]
    assert [entry.title for entry in parse(client, "/ru/feeds/atom/")[1].entries] == ["Russian"]


def test_section_and_tag_feeds_hold_only_their_stories(client, story):
    ArticleFactory(title="Elsewhere", section=SectionFactory(slug="world"), tags=["other"])

    assert [e.title for e in parse(client, "/en/feeds/sections/economy/atom/")[1].entries] == [story.title]
    assert [e.title for e in parse(client, "/en/feeds/tags/rates/rss/")[1].entries] == [story.title]


def test_unknown_section_or_tag_feed_is_404(client):
    assert client.get("/en/feeds/sections/nowhere/rss/").status_code == 404
    assert client.get("/en/feeds/tags/nothing/atom/").status_code == 404


def test_russian_tag_feed_with_cyrillic_slug(client):
    ArticleFactory(edition="ru", slug="sanktsii", title="Санкции продлены", tags=["санкции"])

    entries = parse(client, "/ru/feeds/tags/санкции/rss/")[1].entries

    assert [entry.title for entry in entries] == ["Санкции продлены"]


def test_photo_without_stored_size_is_measured_once(client, story):
    Photo.objects.filter(pk=story.image.pk).update(file_size=0)

    [enclosure] = parse(client, "/en/feeds/rss/")[1].entries[0].enclosures

    assert int(enclosure.length) == default_storage.size(story.image.image.name)


def test_pages_link_their_feeds(client, story):
    home = client.get("/en/").content.decode()
    section = client.get("/en/economy/").content.decode()
    tag = client.get("/en/tags/rates/").content.decode()
    page = client.get(story.get_absolute_url()).content.decode()

    assert '<link rel="alternate" type="application/rss+xml"' in home and 'href="/en/feeds/rss/"' in home
    assert 'href="/en/feeds/atom/"' in home
    assert 'href="/en/feeds/sections/economy/rss/"' in section
    assert 'href="/en/feeds/sections/economy/atom/"' in section
    assert 'href="/en/feeds/tags/rates/rss/"' in tag
    assert 'href="/en/feeds/sections/economy/rss/"' in page


def populate(count, photos, author):
    section = SectionFactory(slug="economy", name="Economy")
    for i in range(count):
        ArticleFactory(section=section, image=photos[i % 2], authors=[author], tags=["rates", "budget"])


@pytest.mark.usefixtures("page_cache_off")
@pytest.mark.parametrize(("kind", "url"), ALL_FEEDS)
def test_query_count_does_not_grow_with_items(client, kind, url):
    author = AuthorFactory()
    photos = [PhotoFactory(), PhotoFactory()]
    Photo.objects.filter(pk=photos[1].pk).update(file_size=0)  # one measured through the storage
    populate(5, photos, author)
    with CaptureQueriesContext(connection) as small:
        parse(client, url)
    populate(25, photos, author)
    with CaptureQueriesContext(connection) as large:
        _response, parsed = parse(client, url)

    assert len(parsed.entries) == 30
    assert len(small) == len(large) <= 4


@pytest.mark.parametrize(("kind", "url"), ALL_FEEDS)
def test_plain_text_leads_go_out_as_text(client, story, kind, url):
    story.lead = 'Rates <img src="x"> & "quotes" stay words'
    story.save()
    _, parsed = parse(client, url)
    [entry] = parsed.entries
    if "atom" in url:
        assert entry.summary_detail.type == "text/plain"
        assert entry.summary == story.lead
    else:
        # RSS readers render <description> as HTML: the markup must arrive escaped, shown as words.
        assert "<img" not in entry.summary
        assert "&lt;img" in entry.summary
