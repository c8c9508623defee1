"""Posting a comment as a reader: plain forms and scripts, and every way it can be refused."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article
from comments import services
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory

from .conftest import old_stamp

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}
SCRIPT = '<script>alert("x")</script>'


def assert_text_kept(response, text="The second reading will be the real test."):
    assert text in response.content.decode()


class TestPosted:
    def test_no_js_post_goes_back_to_the_story_with_a_generic_notice(self, client, story, form_data, post_url):
        response = client.post(post_url(story), form_data())
        assert response.status_code == 302
        assert response["Location"] == f"{story.get_absolute_url()}?comment=pending#comments"
        comment = Comment.objects.get()
        assert (comment.article, comment.status, comment.author_name) == (story, "pending", "Anna Reader")
        assert comment.author_email == "anna@example.org"
        assert comment.ip_hash and comment.ip_hash != "127.0.0.1"

        page = client.get(response["Location"]).content.decode()
        assert "Your comment is awaiting moderation" in page
        # The cached page names nobody: the pending comment itself only comes through the state endpoint.
        assert "The second reading" not in page

    def test_published_comment_redirects_to_itself(self, client, form_data, post_url, settings):
        story = ArticleFactory(comments_moderation="post")
        response = client.post(post_url(story), form_data())
        comment = Comment.objects.get()
        assert comment.status == "approved"
        assert response["Location"] == f"{story.get_absolute_url()}?comment=published#comment-{comment.pk}"
        page = client.get(response["Location"]).content.decode()
        assert "Your comment is published." in page
        assert f'id="comment-{comment.pk}"' in page

    def test_json_post_answers_json_with_the_rendered_comment(self, client, story, form_data, post_url):
        response = client.post(post_url(story), form_data(), **JSON)
        assert response.status_code == 201
        data = response.json()
        assert data["ok"] is True and data["state"] == "pending"
        assert "awaiting moderation" in data["message"]
        assert "Awaiting moderation" in data["html"]
        assert data["id"] == Comment.objects.get().pk

    def test_the_author_sees_their_pending_comment_and_nobody_else(self, client, story, form_data, post_url):
        client.post(post_url(story), form_data())
        state_url = reverse("comments:state", kwargs={"pk": story.pk})
        mine = client.get(state_url).json()
        assert [item["id"] for item in mine["pending"]] == [Comment.objects.get().pk]
        assert "The second reading will be the real test." in mine["pending"][0]["html"]
        assert "Awaiting moderation" in mine["pending"][0]["html"]
        assert Client().get(state_url).json()["pending"] == []
        forged = Client()
        forged.cookies["reader"] = client.cookies["reader"].value[:-2] + "xx"
        assert forged.get(state_url).json()["pending"] == []

    def test_state_is_never_cached_and_carries_a_fresh_stamp(self, client, story):
        response = client.get(reverse("comments:state", kwargs={"pk": story.pk}))
        assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
        assert response.json()["issued"]
        assert response.json()["name"] is None

    def test_signed_in_reader_comments_under_their_account_name(
        self, client, story, form_data, post_url, django_user_model
    ):
        user = django_user_model.objects.create_user("reader", first_name="Boris", last_name="Nikolaev")
        client.force_login(user)
        client.post(post_url(story), form_data(author_name="Somebody Else"))
        comment = Comment.objects.get()
        assert (comment.author_name, comment.user) == ("Boris Nikolaev", user)
        assert client.get(reverse("comments:state", kwargs={"pk": story.pk})).json()["name"] == "Boris Nikolaev"
        form_page = client.get(post_url(story)).content.decode()
        assert 'value="Boris Nikolaev"' in form_page
        assert "disabled" in form_page

    def test_reply_is_stored_under_its_comment(self, client, story, form_data, post_url):
        top = CommentFactory(article=story)
        reply = CommentFactory(article=story, parent=top)
        client.post(post_url(story), form_data(reply_to=reply.pk))
        assert Comment.objects.latest("pk").parent == top

    def test_form_page_for_a_reply_quotes_the_comment(self, client, story, post_url):
        top = CommentFactory(article=story, text="Original <b>point</b>")
        response = client.get(f"{post_url(story)}?reply_to={top.pk}")
        page = response.content.decode()
        assert response.status_code == 200
        assert "Original &lt;b&gt;point&lt;/b&gt;" in page
        assert f'name="reply_to" value="{top.pk}"' in page
        assert 'name="csrfmiddlewaretoken" value="' in page  # the form page is not cached: it may carry one
        assert "no-store" in response["Cache-Control"]


class TestRefused:
    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"text": ""}, "The comment is empty."),
            ({"text": "   \n  "}, "The comment is empty."),
            ({"text": "x" * 2001}, "at most 2000 characters"),
            ({"author_name": ""}, "Please give a name"),
            ({"author_email": "not an address"}, "Enter a valid email address."),
            ({"website": "http://spam.example"}, "like a robot would"),
            ({"issued": ""}, "The form could not be checked."),
            ({"issued": "1700000000:forged:signature"}, "The form could not be checked."),
            (
                {"text": "a http://1.example b http://2.example c http://3.example d http://4.example"},
                "at most 3 links",
            ),
        ],
    )
    def test_bad_input_is_a_400_with_the_reason_and_the_text(
        self, client, story, form_data, post_url, overrides, message
    ):
        data = form_data(**overrides)
        response = client.post(post_url(story), data)
        assert response.status_code == 400
        page = response.content.decode()
        assert message in page
        if data["text"].strip():
            assert data["text"] in page
        assert not Comment.objects.exists()
        assert "no-store" in response["Cache-Control"]

    def test_bad_input_as_json(self, client, story, form_data, post_url):
        response = client.post(post_url(story), form_data(text=""), **JSON)
        assert response.status_code == 400
        data = response.json()
        assert data["ok"] is False
        assert data["errors"]["text"] == ["The comment is empty."]
        assert data["issued"]

    def test_new_lines_count_once(self, client, story, form_data, post_url):
        text = "x\r\n" * 666 + "xx"  # 2000 characters as the reader typed them, 2666 as sent
        assert client.post(post_url(story), form_data(text=text)).status_code == 302

    def test_too_fast_is_refused_and_the_text_kept(self, client, story, form_data, post_url, settings):
        settings.COMMENTS_MIN_SECONDS = 3
        response = client.post(post_url(story), form_data(issued=old_stamp(seconds=1)))
        assert response.status_code == 400
        assert "That was very fast" in response.content.decode()
        assert_text_kept(response)
        assert client.post(post_url(story), form_data(issued=old_stamp(seconds=4))).status_code == 302

    def test_a_form_older_than_a_day_is_refused(self, client, story, form_data, post_url):
        stamp = old_stamp(seconds=25 * 60 * 60)
        response = client.post(post_url(story), form_data(issued=stamp))
        assert response.status_code == 400
        assert "more than a day ago" in response.content.decode()
        assert_text_kept(response)
        # The form shown again has a fresh stamp, so sending it again (after a moment) works.
        assert stamp not in response.content.decode()

    def test_duplicate_is_refused(self, client, story, form_data, post_url):
        CommentFactory(article=story, text="The Second reading will be the real test.")
        response = client.post(post_url(story), form_data())
        assert response.status_code == 400
        assert "already been posted" in response.content.decode()
        assert_text_kept(response)
        assert Comment.objects.count() == 1

    def test_unknown_or_unpublished_story_is_404(self, client, form_data):
        for pk in [999_999, ArticleFactory(draft=True).pk, ArticleFactory(scheduled=True).pk]:
            response = client.post(reverse("comments:post", kwargs={"pk": pk}), form_data())
            assert response.status_code == 404
        assert not Comment.objects.exists()

    def test_story_of_the_other_edition_is_404(self, client, form_data):
        russian = ArticleFactory(edition="ru")
        with translation.override("en"):
            url = reverse("comments:post", kwargs={"pk": russian.pk})

        response = client.post(url, form_data())

        assert response.status_code == 404
        assert not Comment.objects.exists()

    def test_reply_to_a_comment_of_another_story_is_400(self, client, story, form_data, post_url):
        elsewhere = CommentFactory(article=ArticleFactory())
        response = client.post(post_url(story), form_data(reply_to=elsewhere.pk))
        assert response.status_code == 400
        assert "belongs to another story" in response.content.decode()
        assert Comment.objects.count() == 1

    def test_reply_to_a_hidden_comment_is_400(self, client, story, form_data, post_url):
        pending = CommentFactory(article=story, status="pending")
        response = client.post(post_url(story), form_data(reply_to=pending.pk))
        assert response.status_code == 400
        assert "not shown any more" in response.content.decode()

    def test_closed_comments_are_a_403_that_keeps_the_text(self, client, form_data, post_url):
        story = ArticleFactory(comments_closed=True)
        response = client.post(post_url(story), form_data())
        assert response.status_code == 403
        assert "Comments on this story are closed" in response.content.decode()
        assert_text_kept(response)
        assert not Comment.objects.exists()

    def test_comments_close_by_themselves(self, client, form_data, post_url, settings):
        settings.COMMENTS_CLOSE_AFTER_DAYS = 30
        story = ArticleFactory(published_at=timezone.now() - timedelta(days=29))
        with time_machine.travel(timezone.now() + timedelta(days=2)):
            response = client.post(post_url(story), form_data(issued=old_stamp()), **JSON)
        assert response.status_code == 403
        assert "closed" in response.json()["message"]

    def test_rate_limit_is_a_429_that_keeps_the_text(self, client, story, form_data, post_url, settings):
        settings.COMMENTS_RATE = "2/m"
        for n in range(2):
            client.post(post_url(story), form_data(text=f"Comment number {n}"))
        response = client.post(post_url(story), form_data())
        assert response.status_code == 429
        assert "too fast" in response.content.decode()
        assert_text_kept(response)
        assert Comment.objects.count() == 2
        json_response = client.post(post_url(story), form_data(), **JSON)
        assert json_response.status_code == 429 and "too fast" in json_response.json()["message"]
        assert response["Retry-After"] == json_response["Retry-After"] == "60"
        # Another address is not limited.
        assert Client(REMOTE_ADDR="10.0.0.9").post(post_url(story), form_data()).status_code == 302

    def test_database_error_is_a_503_that_keeps_the_text(self, client, story, form_data, post_url, monkeypatch, caplog):
        def broken(**kwargs):
            raise DatabaseError("disk full")

        monkeypatch.setattr(services, "comment_create", broken)
        with caplog.at_level(logging.ERROR, logger="comments.views"):
            response = client.post(post_url(story), form_data())
        assert response.status_code == 503
        assert "was not saved" in response.content.decode()
        assert_text_kept(response)
        assert "Could not store a comment" in caplog.text
        json_response = client.post(post_url(story), form_data(text="Another go"), **JSON)
        assert json_response.status_code == 503
        assert "was not saved" in json_response.json()["message"]

    @pytest.mark.parametrize("json", [False, True])
    def test_missing_or_forged_csrf_token_is_403(self, story, form_data, post_url, json):
        client = Client(enforce_csrf_checks=True)
        headers = JSON if json else {}
        assert client.post(post_url(story), form_data(), **headers).status_code == 403
        client.cookies["csrftoken"] = "a" * 32
        data = form_data(csrfmiddlewaretoken="b" * 32)
        response = client.post(post_url(story), data, **headers)
        assert response.status_code == 403
        if not json:
            # Nothing typed is lost: the confirm page carries the text with a fresh token.
            assert_text_kept(response)
        assert not Comment.objects.exists()

    def test_markup_in_every_field_is_shown_as_text(self, client, form_data, post_url):
        story = ArticleFactory(comments_moderation="post")
        response = client.post(
            post_url(story), form_data(author_name=f"Eve {SCRIPT}", text=f"Hello {SCRIPT} <img src=x onerror=y>")
        )
        assert response.status_code == 302
        page = client.get(story.get_absolute_url()).content.decode()
        assert SCRIPT not in page
        assert "<img src=x" not in page
        assert "Eve &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
        assert "Hello &lt;script&gt;" in page
        assert "anna@example.org" not in page  # the e-mail is never shown

        refused = client.post(
            post_url(story),
            form_data(author_name=SCRIPT, author_email=SCRIPT, text=SCRIPT, website=SCRIPT, reply_to=SCRIPT),
        )
        assert refused.status_code == 400
        assert SCRIPT not in refused.content.decode()
        json_refused = client.post(post_url(story), form_data(text=SCRIPT, website=SCRIPT), **JSON)
        assert "<script>" not in json_refused.content.decode()


def test_the_count_on_the_story_is_exact_after_posting(client, form_data, post_url):
    story = ArticleFactory(comments_moderation="post")
    client.post(post_url(story), form_data())
    assert Article.objects.get(pk=story.pk).comment_count == 1
