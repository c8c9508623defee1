"""The discussion under a story, as readers see it, and the count on the cards."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments.models import Comment
from comments.services import comment_count_refresh
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def page(client, story, query=""):
    response = client.get(f"{story.get_absolute_url()}{query}")
    assert response.status_code == 200
    return response.content.decode()


def positions(html, comments):
    return [html.index(f'id="comment-{comment.pk}"') for comment in comments]


def test_only_visible_comments_are_shown_with_author_time_and_permalink(client, story):
    shown = CommentFactory(article=story, author_name="Irina", text="Shown to all")
    CommentFactory(article=story, status="pending", text="Waiting text")
    CommentFactory(article=story, status="rejected", text="Rejected text")
    CommentFactory(article=story, status="spam", text="Spam text")
    CommentFactory(article=story, is_hidden=True, text="Hidden text")
    html = page(client, story)
    assert "Shown to all" in html
    assert "Irina" in html
    for hidden in ["Waiting text", "Rejected text", "Spam text", "Hidden text"]:
        assert hidden not in html
    assert f'href="#comment-{shown.pk}"' in html
    assert f'<time datetime="{timezone.localtime(shown.created_at).replace(microsecond=0).isoformat()}' in html
    assert 'Comments <span class="comments__count">(1)</span>' in html


def test_oldest_first_by_default_newest_first_on_request(client, story):
    now = timezone.now()
    older = CommentFactory(article=story, created_at=now - timedelta(hours=2))
    newer = CommentFactory(article=story, created_at=now - timedelta(hours=1))
    html = page(client, story)
    assert positions(html, [older, newer]) == sorted(positions(html, [older, newer]))
    html = page(client, story, "?comments=newest")
    assert positions(html, [newer, older]) == sorted(positions(html, [newer, older]))
    assert '<span aria-current="true">Newest first</span>' in html


def test_editors_picks_come_first_and_are_marked(client, story):
    now = timezone.now()
    first = CommentFactory(article=story, created_at=now - timedelta(hours=3))
    pick = CommentFactory(article=story, created_at=now - timedelta(hours=1), is_pick=True)
    html = page(client, story)
    assert positions(html, [pick, first]) == sorted(positions(html, [pick, first]))
    assert '<li class="comment comment--pick"' in html
    assert '<span class="comment__badge">Editor\'s pick</span>' in html


def test_replies_are_shown_under_their_comment(client, story):
    now = timezone.now()
    top = CommentFactory(article=story, created_at=now - timedelta(hours=3))
    other = CommentFactory(article=story, created_at=now - timedelta(hours=2))
    reply = CommentFactory(article=story, parent=top, created_at=now - timedelta(hours=1), text="A reply")
    CommentFactory(article=story, parent=top, status="pending", text="Pending reply")
    html = page(client, story)
    assert positions(html, [top, reply, other]) == sorted(positions(html, [top, reply, other]))
    replies_start = html.index('class="comment__replies"')
    assert html.index(f'id="comment-{top.pk}"') < replies_start < html.index(f'id="comment-{reply.pk}"')
    assert "Pending reply" not in html


def test_replies_of_a_hidden_comment_are_hidden_with_it(client, story):
    top = CommentFactory(article=story, status="rejected")
    CommentFactory(article=story, parent=top, text="Orphan reply")
    comment_count_refresh(article_ids=[story.pk])
    html = page(client, story)
    assert "Orphan reply" not in html
    assert '<span class="comments__count">(0)</span>' in html


def test_comments_are_paginated(client, story, settings):
    settings.COMMENTS_PER_PAGE = 2
    now = timezone.now()
    comments = [CommentFactory(article=story, created_at=now - timedelta(minutes=10 - i)) for i in range(5)]
    CommentFactory(article=story, parent=comments[0])
    first = page(client, story)
    assert positions(first, comments[:2])
    assert f'id="comment-{comments[2].pk}"' not in first
    assert 'href="?cpage=2#comments"' in first
    assert "Page 1 of 3" in first
    third = page(client, story, "?cpage=3")
    assert f'id="comment-{comments[4].pk}"' in third
    assert f'href="?cpage=3#comment-{comments[4].pk}"' in third
    newest = page(client, story, "?comments=newest")
    assert 'href="?comments=newest&amp;cpage=2#comments"' in newest
    assert page(client, story, "?cpage=nonsense").count("data-comment=") == 3  # two comments, one reply
    assert page(client, story, "?cpage=99").count(f'id="comment-{comments[4].pk}"') == 1


def test_comment_link_leads_to_its_page(client, story, settings):
    settings.COMMENTS_PER_PAGE = 2
    now = timezone.now()
    comments = [CommentFactory(article=story, created_at=now - timedelta(minutes=10 - i)) for i in range(5)]
    reply = CommentFactory(article=story, parent=comments[4])
    response = client.get(reply.get_absolute_url())
    assert response["Location"] == f"{story.get_absolute_url()}?cpage=3#comment-{reply.pk}"
    assert (
        client.get(comments[0].get_absolute_url())["Location"] == f"{story.get_absolute_url()}#comment-{comments[0].pk}"
    )


def test_pending_notice_and_no_reader_data_in_the_page(client, story, django_user_model):
    user = django_user_model.objects.create_user("reader", first_name="Boris")
    client.force_login(user)
    html = page(client, story, "?comment=pending")
    assert "Your comment is awaiting moderation" in html
    assert 'name="csrfmiddlewaretoken" value=""' in html
    assert "Boris" not in html
    assert 'data-state-url="/en/comments/' in html
    assert "public" in client.get(story.get_absolute_url())["Cache-Control"]


def test_the_form_says_how_long_a_comment_may_be(client, story):
    html = page(client, story)
    assert "Add comment" in html
    assert "up to 2000 characters" in html
    assert 'maxlength="2000"' in html
    assert 'name="issued" value="' in html
    assert re.search(r'class="comment-form__trap"\s+aria-hidden="true"', html)


def test_closed_by_editor(client):
    html = page(client, ArticleFactory(comments_closed=True))
    assert "The editors have closed comments on this story." in html
    assert "data-comment-form" not in html


def test_closed_by_time(client, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    story = ArticleFactory(published_at=timezone.now() - timedelta(days=31))
    CommentFactory(article=story, text="Old comment")
    html = page(client, story)
    assert "Comments on this story closed on" in html
    assert "Old comment" in html
    assert "data-reply-to" not in html


@pytest.mark.usefixtures("page_cache_off", "fragment_cache_off")
def test_count_shows_on_cards_without_a_query_per_card(client, django_assert_max_num_queries):
    story = ArticleFactory()
    for _ in range(3):
        CommentFactory(article=story)
    quiet = ArticleFactory(section=story.section)
    response = client.get(story.section.get_absolute_url())
    html = response.content.decode()
    assert f'href="{story.get_absolute_url()}#comments">3 comments</a>' in html
    assert f'href="{quiet.get_absolute_url()}#comments"' not in html

    with CaptureQueriesContext(connection) as two_cards:
        client.get(story.section.get_absolute_url())
    # Counted now: the captured list is a window on the connection's log, which later queries roll on.
    two_cards_queries = len(two_cards.captured_queries)
    for _ in range(10):
        CommentFactory(article=ArticleFactory(section=story.section))
    # The stories changed: the page's chrome (the breaking-news state) is read once again, then kept.
    client.get(story.section.get_absolute_url())
    with django_assert_max_num_queries(two_cards_queries):
        client.get(story.section.get_absolute_url())


@pytest.mark.usefixtures("page_cache_off")
def test_story_page_queries_do_not_grow_with_the_discussion(client, settings, django_assert_num_queries):
    settings.COMMENTS_PER_PAGE = 50
    small, large = ArticleFactory(), ArticleFactory()
    now = timezone.now()

    def discussion(story, top_level, replies):
        tops = Comment.objects.bulk_create(
            Comment(
                article=story,
                author_name=f"Reader {i}",
                text=f"Comment {i}",
                status="approved",
                created_at=now - timedelta(minutes=top_level - i),
            )
            for i in range(top_level)
        )
        Comment.objects.bulk_create(
            Comment(
                article=story,
                parent=tops[i % len(tops)],
                author_name=f"Replier {i}",
                text=f"Reply {i}",
                status="approved",
                created_at=now,
            )
            for i in range(replies)
        )
        comment_count_refresh(article_ids=[story.pk])

    discussion(small, 4, 1)
    discussion(large, 400, 100)
    small.refresh_from_db()
    large.refresh_from_db()
    assert (small.comment_count, large.comment_count) == (5, 500)

    for story in (small, large):
        client.get(story.get_absolute_url())  # warm up per-process caches (templates, content types)
    with CaptureQueriesContext(connection) as five:
        assert client.get(small.get_absolute_url()).status_code == 200
    print(f"story page queries with 5 comments: {len(five.captured_queries)}")
    with django_assert_num_queries(len(five.captured_queries)):
        assert client.get(large.get_absolute_url()).status_code == 200
    html = client.get(large.get_absolute_url()).content.decode()
    assert html.count("data-comment=") == 100  # the first 50 comments and the 50 replies among them
    assert "Page 1 of 8" in html


def test_russian_edition_has_its_own_comment_addresses_and_words(client, form_data):
    story = ArticleFactory(edition="ru", comments_moderation="post")
    html = page(client, story)
    assert 'action="/ru/comments/' in html
    assert 'data-state-url="/ru/comments/' in html
    response = client.post(f"/ru/comments/{story.pk}/post/", form_data(text="Хороший текст, спасибо."))
    assert response["Location"].startswith(story.get_absolute_url())
    assert "Хороший текст, спасибо." in page(client, story)


def test_one_report_form_serves_every_comment_and_works_without_javascript(client):
    story = ArticleFactory()
    comments = [CommentFactory(article=story) for _ in range(3)]
    reply = CommentFactory(article=story, parent=comments[0])

    html = client.get(story.get_absolute_url()).content.decode()

    assert html.count('<form method="post" action="/en/comments/report/"') == 1
    for comment in [*comments, reply]:
        assert f'form="comment-report" name="comment" value="{comment.pk}"' in html
    # What the browser sends when a reader presses one of the buttons: the form, plus that button's value.
    response = client.post("/en/comments/report/", {"comment": str(reply.pk)})
    assert response.status_code == 302
    assert reply.reports.count() == 1
