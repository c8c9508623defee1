"""The reader's pages: what they show and how they answer bad addresses."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    PhotoFactory,
    RelatedLinkFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def url(name, lang="en", **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs)


def test_root_sends_readers_to_their_edition(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru").url == "/ru/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en").url == "/en/"


def test_home_shows_lead_latest_and_section_blocks(client):
    lead = ArticleFactory(title="Pinned lead story", is_pinned=True, image=PhotoFactory())
    other = ArticleFactory(title="An ordinary story", section__name="Economy", section__slug="economy")
    ArticleFactory(title="A draft nobody sees", draft=True)
    ArticleFactory(edition="ru", title="Русская новость")

    response = client.get("/en/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Pinned lead story") < html.index("An ordinary story")
    assert "Economy" in html
    assert other.get_absolute_url() in html
    assert lead.image.w320.url in html
    assert "A draft nobody sees" not in html
    assert "Русская новость" not in html
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=60, stale-while-revalidate=30"


def test_story_page_shows_everything_a_reader_expects(client):
    author = AuthorFactory(name="Anna Petrova")
    story = ArticleFactory(
        title="Central bank holds rates",
        lead="The bank kept its key rate unchanged.",
        body="<p>Analysts had expected the move.</p>",
        source_name="TASS",
        source_url="https://tass.com/economy/1",
        authors=[author],
        tags=["rates", "central bank"],
        image=PhotoFactory(caption="The bank's headquarters", credit="Ivan Ivanov / Newsportal"),
        section__name="Economy",
        section__slug="economy",
    )
    target = ArticleFactory(title="Inflation slows in October", section=story.section)
    RelatedLinkFactory(article=story, target=target, url="", title="", position=1)
    RelatedLinkFactory(article=story, url="https://example.org/report", title="The bank's statement", position=0)
    CorrectionFactory(article=story, text="An earlier version gave the wrong date.")

    response = client.get(story.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<article" in html and "<h1" in html
    assert 'aria-label="Breadcrumbs"' in html
    assert story.section.get_absolute_url() in html
    assert "Central bank holds rates" in html
    assert "The bank kept its key rate unchanged." in html
    assert "Analysts had expected the move." in html
    assert "Anna Petrova" in html and author.get_absolute_url() in html
    assert f'datetime="{timezone.localtime(story.published_at).replace(microsecond=0).isoformat()}"' in html
    assert "Updated" in html
    assert "The bank&#x27;s headquarters" in html and "Ivan Ivanov / Newsportal" in html
    assert 'srcset="' in html and 'width="800"' in html and 'alt="Delegates gather' in html
    assert 'href="https://tass.com/economy/1"' in html and "TASS</a> reports." in html
    assert "rates" in html and url("articles:tag", slug="central-bank") in html
    assert html.index("The bank&#x27;s statement") < html.index("Inflation slows in October")
    assert "An earlier version gave the wrong date." in html


def test_wire_story_without_authors_or_image_still_reads_well(client):
    story = ArticleFactory(source_name="TASS", source_url="")

    html = client.get(story.get_absolute_url()).content.decode()

    assert "By" not in html.split("story__meta")[1][:200]
    assert "TASS reports." in html


def test_more_from_the_section_lists_siblings_only(client):
    story = ArticleFactory()
    sibling = ArticleFactory(section=story.section, title="Sibling story")
    ArticleFactory(title="Story from elsewhere")

    html = client.get(story.get_absolute_url()).content.decode()

    assert "Sibling story" in html and sibling.get_absolute_url() in html
    assert "Story from elsewhere" not in html


@pytest.mark.parametrize("trait", ["draft", "scheduled"])
def test_unpublished_stories_are_404_to_readers(client, trait):
    story = ArticleFactory(**{trait: True}, slug="secret")

    response = client.get(url("articles:detail", section=story.section.slug, pk=story.pk, slug="secret"))

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("trait", ["draft", "scheduled"])
def test_staff_preview_unpublished_stories_with_a_banner(client, admin_user, trait):
    story = ArticleFactory(**{trait: True}, slug="secret")
    client.force_login(admin_user)

    response = client.get(url("articles:detail", section=story.section.slug, pk=story.pk, slug="secret"))

    assert response.status_code == 200
    assert "Preview" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_live_story_has_no_preview_banner_even_for_staff(client, admin_user):
    story = ArticleFactory()
    client.force_login(admin_user)

    assert "preview-banner" not in client.get(story.get_absolute_url()).content.decode()


def test_renamed_story_answers_301_from_its_old_address(client):
    story = ArticleFactory(slug="old-headline")
    old_url = story.get_absolute_url()
    story.slug = "new-headline"
    story.save()

    response = client.get(old_url)

    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url()


def test_story_moved_to_another_section_answers_301(client):
    story = ArticleFactory()
    old_url = story.get_absolute_url()
    story.section = SectionFactory(slug="world", edition="en")
    story.save()

    assert client.get(old_url)["Location"] == story.get_absolute_url()


def test_story_is_404_in_the_other_edition(client):
    story = ArticleFactory(edition="en")

    response = client.get(url("articles:detail", "ru", section=story.section.slug, pk=story.pk, slug=story.slug))

    assert response.status_code == 404


def test_section_page_lists_its_stories_paginated(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    section = SectionFactory(name="Politics", slug="politics")
    now = timezone.now()
    stories = [ArticleFactory(section=section, published_at=now - timedelta(hours=h)) for h in range(1, 4)]
    ArticleFactory(title="Not in politics")

    first = client.get(section.get_absolute_url())
    second = client.get(section.get_absolute_url() + "?page=2")

    assert first.status_code == 200
    assert [s.pk for s in first.context["stories"]] == [stories[0].pk, stories[1].pk]
    assert "Page 1 of 2" in first.content.decode()
    assert [s.pk for s in second.context["stories"]] == [stories[2].pk]
    assert "Not in politics" not in first.content.decode()


@pytest.mark.parametrize("page", ["9", "0", "x", "-1", "1.5"])
def test_bad_page_numbers_are_404(client, page):
    section = SectionFactory()
    ArticleFactory(section=section)

    assert client.get(f"{section.get_absolute_url()}?page={page}").status_code == 404


def test_tag_page(client):
    story = ArticleFactory(tags=["Elections"])
    ArticleFactory(title="Untagged story")

    response = client.get(url("articles:tag", slug="elections"))

    assert response.status_code == 200
    assert story.title in response.content.decode()
    assert "Untagged story" not in response.content.decode()


def test_author_page(client):
    author = AuthorFactory(name="Boris Kim", title="Political correspondent")
    story = ArticleFactory(authors=[author])
    ArticleFactory(title="Someone else's story")

    html = client.get(author.get_absolute_url()).content.decode()

    assert "Boris Kim" in html and "Political correspondent" in html
    assert story.title in html
    assert "Someone else&#x27;s story" not in html


def test_date_archive_year_month_day(client):
    moment = timezone.make_aware(timezone.datetime(2026, 3, 14, 12, 0))
    story = ArticleFactory(published_at=moment, title="Pi day story")
    ArticleFactory(published_at=moment - timedelta(days=40), title="January story")

    year = client.get(url("articles:archive_year", year="2026"))
    month = client.get(url("articles:archive_month", year="2026", month="03"))
    day = client.get(url("articles:archive_day", year="2026", month="03", day="14"))

    assert year.status_code == month.status_code == day.status_code == 200
    assert "Pi day story" in year.content.decode() and "January story" in year.content.decode()
    assert "Pi day story" in month.content.decode() and "January story" not in month.content.decode()
    assert story.get_absolute_url() in day.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/en/archive/2026/02/30/",
        "/en/archive/2026/13/",
        "/en/archive/2026/00/",
        "/en/archive/2026/04/31/",
        "/en/archive/0000/",
        "/en/archive/20260/",
        "/en/archive/2026/1/",
    ],
)
def test_impossible_archive_dates_are_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/en/no-such-section/", "/en/tags/no-such-tag/", "/en/authors/nobody/", "/en/politics/999999-nothing/"],
)
def test_unknown_addresses_are_404(client, path):
    SectionFactory(slug="politics")
    response = client.get(path)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_story_body_html_is_kept_but_headline_is_escaped(client):
    story = ArticleFactory(title="<b>Bold</b> claim", body="<p><strong>Strong</strong> text</p>")

    html = client.get(story.get_absolute_url()).content.decode()

    assert "&lt;b&gt;Bold&lt;/b&gt; claim" in html
    assert "<strong>Strong</strong>" in html


def test_responses_carry_security_headers(client):
    response = client.get("/en/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_reader_csrf_endpoint_gives_a_token_and_is_not_cached(client):
    response = client.get(url("articles:reader_csrf"))

    assert response.status_code == 200
    assert response.json()["csrfToken"]
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
