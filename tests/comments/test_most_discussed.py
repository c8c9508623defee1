"""Most discussed: stories by the comments readers can see, posted this week."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from comments.rankings import most_discussed
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def comment(story, status=Comment.Status.APPROVED, age=timedelta(hours=1), **extra):
    return Comment.objects.create(
        article=story, author_name="Reader", text="A comment.", status=status, created_at=timezone.now() - age, **extra
    )


def test_counts_only_visible_comments_of_the_week():
    busy = ArticleFactory(title="Busy")
    quiet = ArticleFactory(title="Quiet")
    old_debate = ArticleFactory(title="Old debate")
    for _ in range(3):
        comment(busy)
    comment(quiet)
    for status in (Comment.Status.PENDING, Comment.Status.REJECTED, Comment.Status.SPAM):
        comment(quiet, status=status)
    comment(quiet, is_hidden=True)
    for _ in range(5):
        comment(old_debate, age=timedelta(days=9))

    since = timezone.now() - timedelta(days=7)
    found = most_discussed(Article.objects.published(), since=since, top=5)

    assert [(Article.objects.get(pk=pk).title, count) for pk, count in found] == [("Busy", 3), ("Quiet", 1)]


def test_only_the_given_stories_and_at_most_top_of_them():
    stories = [ArticleFactory(title=f"Story {n}") for n in range(4)]
    for story in stories:
        comment(story)
    elsewhere = ArticleFactory(edition="ru", slug="drugoe")
    comment(elsewhere)
    since = timezone.now() - timedelta(days=7)

    found = most_discussed(Article.objects.in_edition("en"), since=since, top=3)

    assert len(found) == 3
    assert elsewhere.pk not in {pk for pk, _count in found}


def test_a_tie_goes_to_the_newest_story():
    now = timezone.now()
    newer = ArticleFactory(published_at=now - timedelta(hours=1))
    older = ArticleFactory(published_at=now - timedelta(hours=2))
    for story in (older, newer):
        comment(story)

    found = most_discussed(Article.objects.all(), since=now - timedelta(days=1), top=5)

    assert found == [(newer.pk, 1), (older.pk, 1)]


def test_home_sidebar_lists_most_discussed_of_the_edition(client):
    story = ArticleFactory(title="Budget row")
    draft = ArticleFactory(title="Withdrawn", draft=True)
    russian = ArticleFactory(title="Спор", edition="ru", slug="spor")
    for target in (story, story, draft, russian):
        comment(target)

    html = client.get("/en/").content.decode()

    block = re.search(r'<section class="most-discussed".*?</section>', html, re.S).group()
    assert [unescape(t) for t in re.findall(r'<a href="[^"]+">(.*?)</a>', block)] == ["Budget row"]
    assert "2 comments" in block


def test_no_block_without_comments(client):
    ArticleFactory()

    assert "most-discussed" not in client.get("/en/").content.decode()
