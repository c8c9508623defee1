"""Every public page answers in a fixed number of queries, however much there is to show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    PhotoFactory,
    RelatedLinkFactory,
    SectionFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


# The most queries each page may make (sections for the navigation included).
# Home: +1 for the sidebar's "Top rated this week" (one query, the site mean is a subquery),
# +1 for "Most read" (today and this week in one query), +1 for "Most discussed".
QUERY_BUDGET = {"home": 7, "section": 4, "story": 10, "tag": 4, "author": 4, "archive_year": 4, "archive_month": 4}


def populate(count):
    sections = [SectionFactory(slug=f"s{i}", name=f"Section {i}") for i in range(5)]
    photo = PhotoFactory()
    author = AuthorFactory(slug="author")
    stories = [
        ArticleFactory(section=sections[i % 5], image=photo, authors=[author], tags=["tag"]) for i in range(count)
    ]
    story = stories[0]
    for other in stories[1 : min(count, 6)]:
        RelatedLinkFactory(article=story, target=other, url="", title="")
    RelatedLinkFactory(article=story)
    CorrectionFactory(article=story)
    return story


def measure(client, path):
    """Count the queries a page makes."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


def page_paths(story):
    with translation.override("en"):
        return {
            "home": "/en/",
            "section": story.section.get_absolute_url(),
            "story": story.get_absolute_url(),
            "tag": reverse("articles:tag", kwargs={"slug": "tag"}),
            "author": reverse("articles:author", kwargs={"slug": "author"}),
            "archive_year": reverse("articles:archive_year", kwargs={"year": story.published_at.strftime("%Y")}),
            "archive_month": reverse(
                "articles:archive_month",
                kwargs={"year": story.published_at.strftime("%Y"), "month": story.published_at.strftime("%m")},
            ),
        }


@pytest.mark.parametrize("page", ["home", "section", "story", "tag", "author", "archive_year", "archive_month"])
def test_query_count_does_not_grow_with_stories(client, page):
    story = populate(10)
    small = measure(client, page_paths(story)[page])

    populate_more(story, 190)
    large = measure(client, page_paths(story)[page])

    assert small == large, f"{page}: {small} queries with 10 stories, {large} with 200"
    assert large <= QUERY_BUDGET[page]


def populate_more(story, count):
    photo = story.image
    author = story.authors.first()
    sections = list(type(story.section).objects.filter(edition="en"))
    for i in range(count):
        ArticleFactory(section=sections[i % len(sections)], image=photo, authors=[author], tags=["tag"])
