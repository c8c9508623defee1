"""Most discussed: stories by the comments readers can see, posted this week."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
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
    found = Article.objects.published().most_discussed(since=since)

    assert [(story.title, story.comments_recent) for story in found] == [("Busy", 3), ("Quiet", 1)]


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
