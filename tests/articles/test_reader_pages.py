"""The reader pages around a story: its after-body rhythm, author pages with portraits, day archives
with their nearest days, the search page's single box and calm prompt."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from articles.discovery.search import highlight_words
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    PhotoFactory,
    RelatedLinkFactory,
)

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def test_a_correction_reads_time_then_colon_without_a_stray_space(client):
    story = ArticleFactory()
    CorrectionFactory(article=story, text="This story was updated with the final count.")

    html = client.get(story.get_absolute_url()).content.decode()

    assert "</time>: This story was updated with the final count." in html


def test_the_story_names_its_section_above_the_headline_and_links_its_day(client):
    story = ArticleFactory(section__name="Economy", section__slug="economy")
    day = timezone.localtime(story.published_at)

    html = client.get(story.get_absolute_url()).content.decode()

    header = html[html.index('class="story__header"') : html.index("</h1>")]
    assert 'class="story__section"' in header and ">Economy</a>" in header
    archive = url("articles:archive_day", year=day.strftime("%Y"), month=day.strftime("%m"), day=day.strftime("%d"))
    assert f'href="{archive}"' in html


def test_an_update_the_same_day_shows_only_its_time(client):
    published = timezone.localtime().replace(hour=9, minute=5, second=0, microsecond=0) - timedelta(days=1)
    story = ArticleFactory(published_at=published, updated_at=published + timedelta(hours=2, minutes=10))

    html = client.get(story.get_absolute_url()).content.decode()

    updated = html[html.index('class="story__updated"') :][:400]
    assert ">11:15</time>" in updated


def test_related_stories_show_their_thumbnails_external_links_their_host(client):
    story = ArticleFactory()
    target = ArticleFactory(title="The earlier vote", image=PhotoFactory(alt_text="Deputies voting"))
    RelatedLinkFactory(article=story, target=target, url="", title="", position=0)
    RelatedLinkFactory(article=story, url="https://example.org/report", title="The full report", position=1)

    html = client.get(story.get_absolute_url()).content.decode()

    related = html[html.index('class="related"') :]
    assert 'alt="Deputies voting"' in related and "The earlier vote" in related
    assert "example.org/report" in related


def test_more_from_the_section_shows_four_cards_a_full_row(client):
    story = ArticleFactory()
    for _ in range(6):
        ArticleFactory(section=story.section)

    html = client.get(story.get_absolute_url()).content.decode()

    more = html[html.index('class="more"') :]
    assert more.count('<article class="card') == 4


def test_the_author_page_shows_portrait_title_and_biography(client):
    author = AuthorFactory(
        name="Boris Kim",
        title="Political correspondent",
        bio="Boris has covered parliament since 2015.",
        photo=PhotoFactory(alt_text="Boris Kim, a portrait"),
    )
    ArticleFactory(authors=[author])

    html = client.get(author.get_absolute_url()).content.decode()

    assert 'alt="Boris Kim, a portrait"' in html and 'srcset="' in html
    assert "Political correspondent" in html and "Boris has covered parliament since 2015." in html


def test_an_author_without_a_portrait_still_has_a_page(client):
    author = AuthorFactory(name="Vera Lis", bio="Vera writes about science.")

    html = client.get(author.get_absolute_url()).content.decode()

    assert "Vera writes about science." in html and "author-card__photo" not in html


def test_a_day_archive_links_the_nearest_days_with_news_skipping_empty_ones(client):
    noon = timezone.make_aware(timezone.datetime(2026, 3, 14, 12, 0))
    ArticleFactory(published_at=noon, title="Pi day story")
    ArticleFactory(published_at=noon - timedelta(days=5), title="Five days before")
    ArticleFactory(published_at=noon + timedelta(days=3), title="Three days after")
    ArticleFactory(edition="ru", published_at=noon - timedelta(days=1), title="Another edition's day")

    html = client.get(url("articles:archive_day", year="2026", month="03", day="14")).content.decode()

    assert f'rel="prev" href="{url("articles:archive_day", year="2026", month="03", day="09")}"' in html
    assert f'rel="next" href="{url("articles:archive_day", year="2026", month="03", day="17")}"' in html
    assert f'href="{url("articles:archive_month", year="2026", month="03")}"' in html


def test_the_newest_day_has_no_next_day_and_the_first_no_previous(client):
    ArticleFactory(published_at=timezone.make_aware(timezone.datetime(2026, 3, 14, 12, 0)))
    ArticleFactory(published_at=timezone.now() + timedelta(days=2), scheduled=True)  # not out yet

    html = client.get(url("articles:archive_day", year="2026", month="03", day="14")).content.decode()

    assert 'rel="prev"' not in html and 'rel="next"' not in html


def test_the_month_archive_links_its_days_with_news(client):
    noon = timezone.make_aware(timezone.datetime(2026, 3, 14, 12, 0))
    ArticleFactory(published_at=noon)
    ArticleFactory(published_at=noon + timedelta(days=3))

    html = client.get(url("articles:archive_month", year="2026", month="03")).content.decode()

    assert url("articles:archive_day", year="2026", month="03", day="14") in html
    assert url("articles:archive_day", year="2026", month="03", day="17") in html
    assert url("articles:archive_day", year="2026", month="03", day="15") not in html


def test_an_empty_search_is_a_calm_prompt_in_one_search_box(client):
    html = client.get(url("articles:search")).content.decode()

    assert 'class="search-page__prompt"' in html and "notice--warn" not in html
    page = html[html.index('<form class="search-page"') :]
    assert page.count('type="search"') == 1


@pytest.mark.parametrize(
    ("text", "words", "shown"),
    [
        ("The regional governor", ["region"], "The <mark>regional</mark> governor"),
        ("Regions and regional", ["region"], "<mark>Regions</mark> and <mark>regional</mark>"),
        ("Выборы в регионах", ["регион"], "Выборы в <mark>регионах</mark>"),
    ],
)
def test_highlighting_marks_whole_words(text, words, shown):
    assert highlight_words(text, words) == shown
