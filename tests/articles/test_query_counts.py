"""Every public page answers in a fixed number of queries, the same with 10 stories as with 10,000.

Counts are exact: a lost prefetch (one query per card or comment) or a new query fails here. They are
taken as a page is normally served: the ranked lists refreshed by their job and the sections already in
the cache, each warmed by one earlier request. The fragment cache is off: these are the counts of a
cold render (a discussion kept rendered reads no comment; tests/pagecache/test_fragments.py).
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from taggit.models import Tag, TaggedItem

from articles.discovery.rankings import rankings_refresh
from articles.models import Article
from comments.models import Comment
from comments.services import comment_count_refresh
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    CorrectionFactory,
    PhotoFactory,
    RelatedLinkFactory,
    SectionFactory,
    VoteFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("page_cache_off", "fragment_cache_off", "search_cache_off"),
]

# Queries per page. Home: lead, latest, newest per section, the ranked lists. Lists: what narrows
# them (section, tag, author with its portrait; a year or month archive its dates, a day archive the
# nearest days with news either side, one row each from the index), count, page; search the ids of the
# matches, best first, then the page's stories. Story: the story, bylines, tags, more
# from the section, and its comments (a page with its total, then their replies).
QUERY_BUDGET = {
    "home": 4,
    "section": 2,  # the section itself comes with the edition's, from the cache
    "tag": 3,
    "author": 3,
    "archive_year": 3,
    "archive_month": 3,
    "archive_day": 4,
    "search": 2,
    "story": 6,
}
# A story with corrections and related links reads each once more.
STORY_WITH_EXTRAS = QUERY_BUDGET["story"] + 2


@pytest.fixture
def site():
    """A story with photo, byline, tag, comments and replies, votes, among 10 stories of 5 sections."""
    sections = [SectionFactory(slug=f"s{i}", name=f"Section {i}") for i in range(5)]
    photo = PhotoFactory()
    author = AuthorFactory(slug="author", photo=photo)
    now = timezone.now()
    stories = [
        ArticleFactory(
            section=sections[i % 5],
            image=photo,
            authors=[author],
            tags=["budget"],
            published_at=now - timedelta(hours=1 + i),
        )
        for i in range(10)
    ]
    story = stories[0]
    for i in range(3):
        parent = CommentFactory(article=story)
        CommentFactory(article=story, parent=parent, text=f"A reply, number {i}.")
    VoteFactory(article=story, score=5)
    return story


def grow(story, count):
    """Add `count` stories in bulk (with photo, byline and tag), spread over the past year."""
    sections = list(type(story.section).objects.filter(edition="en"))
    now = timezone.now()
    base = Article.objects.count()
    created = Article.objects.bulk_create(
        ArticleFactory.build(
            section=sections[i % len(sections)],
            image=story.image,
            slug=f"bulk-story-{base + i}",
            published_at=now - timedelta(hours=2, minutes=i * 50),
        )
        for i in range(count)
    )
    author = story.authors.get()
    Article.authors.through.objects.bulk_create(
        Article.authors.through(article_id=article.pk, author_id=author.pk) for article in created
    )
    tag = Tag.objects.get(slug="budget")
    TaggedItem.objects.bulk_create(TaggedItem(content_object=article, tag=tag) for article in created)
    comments = Comment.objects.bulk_create(
        Comment(article=created[i], author_name="Reader", text=f"Comment {i}", status="approved")
        for i in range(0, count, 10)
    )
    comment_count_refresh(article_ids=[comment.article_id for comment in comments])


def page_paths(story):
    day = timezone.localtime(story.published_at)
    with translation.override("en"):
        return {
            "home": "/en/",
            "section": story.section.get_absolute_url(),
            "story": story.get_absolute_url(),
            "tag": reverse("articles:tag", kwargs={"slug": "budget"}),
            "author": reverse("articles:author", kwargs={"slug": "author"}),
            "archive_year": reverse("articles:archive_year", kwargs={"year": day.strftime("%Y")}),
            "archive_month": reverse(
                "articles:archive_month", kwargs={"year": day.strftime("%Y"), "month": day.strftime("%m")}
            ),
            "archive_day": reverse(
                "articles:archive_day",
                kwargs={"year": day.strftime("%Y"), "month": day.strftime("%m"), "day": day.strftime("%d")},
            ),
            "search": reverse("articles:search") + "?q=budget",
        }


def queries_per_page(client, paths):
    """{page: queries} for each page, as served after a first request (which warms the sections)."""
    rankings_refresh()
    counts = {}
    for page, path in paths.items():
        assert client.get(path).status_code == 200, path
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[page] = len(captured)
    return counts


def test_each_page_makes_the_same_few_queries_with_10_and_10000_stories(client, site):
    paths = page_paths(site)
    assert queries_per_page(client, paths) == QUERY_BUDGET

    grow(site, 10_000)
    assert Article.objects.count() > 10_000
    assert queries_per_page(client, paths) == QUERY_BUDGET
    html = client.get(paths["story"]).content.decode()
    assert html.count("data-comment=") == 6  # three comments and their replies
    assert client.get(paths["section"]).content.decode().count('<article class="card') == 20  # a full page of cards


def served(client, path, django_assert_num_queries, expected):
    rankings_refresh()
    assert client.get(path).status_code == 200  # warms the cached sections
    with django_assert_num_queries(expected):
        response = client.get(path)
    assert response.status_code == 200, path
    return response


def test_a_story_with_corrections_and_related_links_reads_each_once(client, site, django_assert_num_queries):
    for other in Article.objects.exclude(pk=site.pk)[:5]:
        RelatedLinkFactory(article=site, target=other, url="", title="")
    RelatedLinkFactory(article=site)
    CorrectionFactory(article=site)

    response = served(client, site.get_absolute_url(), django_assert_num_queries, STORY_WITH_EXTRAS)

    html = response.content.decode()
    assert "An earlier version misstated the vote count." in html
    assert "The full report" in html
