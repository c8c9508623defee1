"""The API's queries do not grow with the number of stories (query budgets at 10 and 10,000)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Author, Section
from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory, RelatedLinkFactory

# The key (1), its "last used" stamp (1), the stories with section and photo (1), then one each for
# authors, tags and related links with their stories.
BUDGET = 6


def bulk_stories(count):
    section = Section.objects.get(slug="world")
    author = Author.objects.first()
    when = timezone.now() - timedelta(days=1)
    stories = Article.objects.bulk_create(
        Article(
            edition="en",
            section=section,
            title=f"Wire story {n}",
            slug=f"wire-story-{n}",
            lead="A lead.",
            body="<p>Body.</p>",
            status="published",
            published_at=when - timedelta(seconds=n),
        )
        for n in range(count)
    )
    Article.authors.through.objects.bulk_create(
        Article.authors.through(article_id=story.pk, author_id=author.pk) for story in stories
    )


@pytest.fixture
def rich_stories(db):
    """A few stories with everything a document holds, at the top of the list."""
    photo = PhotoFactory()
    for n in range(3):
        story = ArticleFactory(section__slug="world", authors=[AuthorFactory()], image=photo)
        story.tags.add(f"tag{n}", "shared")
        RelatedLinkFactory(article=story)
        RelatedLinkFactory(article=story, target=ArticleFactory(section__slug="world"), url="", title="")


@pytest.mark.parametrize("count", [10, 10_000])
def test_list_detail_and_changes_queries_do_not_grow(partner, rich_stories, django_assert_num_queries, settings, count):
    settings.API_CHANGES_SETTLE_SECONDS = 0  # the stories were just written
    bulk_stories(count)
    story = Article.objects.published().order_by("-published_at").first()
    with django_assert_num_queries(BUDGET):
        listed = partner.get("/api/v1/stories?limit=100").json()["items"]
    assert len(listed) == min(count + 6, 100)
    with django_assert_num_queries(BUDGET):
        partner.get(f"/api/v1/stories/{story.pk}")
    with django_assert_num_queries(BUDGET + 1):  # and the tombstones of deleted stories
        changed = partner.get("/api/v1/changes?limit=500").json()["items"]
    assert len(changed) == min(count + 6, 500)
