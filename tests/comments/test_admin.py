"""Moderators working the comment queue in the admin."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from articles.models import Article
from comments.models import Comment, WordRule
from comments.services import comment_create, comment_report
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:comments_comment_changelist"


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderator", password="pw-moderator-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def desk(client, moderator):
    client.force_login(moderator)
    return client


def act(client, action, comments, **extra):
    return client.post(
        reverse(CHANGELIST) + extra.pop("query", ""),
        {"action": action, "_selected_action": [comment.pk for comment in comments], **extra},
        follow=True,
    )


def count(article):
    return Article.objects.get(pk=article.pk).comment_count


def test_moderators_may_moderate_comments_and_edit_word_rules(moderator):
    for codename in ["view_comment", "change_comment", "delete_comment", "change_wordrule", "add_wordrule"]:
        assert moderator.has_perm(f"comments.{codename}")


def test_the_queue_holds_pending_and_reported_comments(desk, story, settings):
    settings.COMMENTS_HIDE_AFTER_REPORTS = 2
    pending = CommentFactory(article=story, status="pending", text="Pending one")
    reported = CommentFactory(article=story, text="Reported one")
    comment_report(comment=reported, reporter="reader:a", ip_hash="1")
    CommentFactory(article=story, text="Quiet one")
    response = desk.get(reverse(CHANGELIST) + "?queue=waiting")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pending one" in html
    assert "Reported one" in html
    assert "Quiet one" not in html
    assert pending.get_absolute_url() in html


def test_admin_index_shows_how_many_wait(desk, story):
    CommentFactory(article=story, status="pending")
    CommentFactory(article=story, status="pending")
    html = desk.get(reverse("admin:index")).content.decode()
    waiting = html[html.index('id="waiting-module"') :]
    assert "Comments to moderate" in waiting
    assert "<td>2</td>" in waiting
    assert reverse(CHANGELIST) + "?queue=waiting" in waiting


def test_bulk_approve_reject_and_spam_keep_the_count_exact(desk, story, moderator):
    comments = [CommentFactory(article=story, status="pending") for _ in range(3)]
    act(desk, "approve", comments)
    assert count(story) == 3
    assert set(Comment.objects.values_list("moderated_by", flat=True)) == {moderator.pk}
    act(desk, "reject", comments[:1])
    response = act(desk, "mark_spam", comments[1:2])
    assert "1 comment marked as spam." in response.content.decode()
    assert count(story) == 1
    assert list(Comment.objects.order_by("pk").values_list("status", flat=True)) == ["rejected", "spam", "approved"]


def test_editors_pick(desk, story):
    comment = CommentFactory(article=story)
    act(desk, "mark_pick", [comment])
    assert Comment.objects.get().is_pick
    html = desk.get(story.get_absolute_url()).content.decode()
    assert '<span class="comment__badge">Editor\'s pick</span>' in html
    act(desk, "unmark_pick", [comment])
    assert not Comment.objects.get().is_pick


def test_one_commenters_history_and_removing_all_of_it(desk, story):
    other_story = ArticleFactory()
    first = CommentFactory(article=story, author_email="troll@example.org", text="First troll")
    CommentFactory(article=other_story, author_email="troll@example.org", text="Second troll")
    CommentFactory(article=story, author_email="kind@example.org", text="Kind words")
    html = desk.get(reverse(CHANGELIST)).content.decode()
    history = reverse(CHANGELIST) + "?commenter=email:troll@example.org"
    assert history in html
    html = desk.get(history).content.decode()
    assert ("First troll" in html, "Second troll" in html, "Kind words" in html) == (True, True, False)
    act(desk, "remove_by_commenters", [first])
    assert (count(story), count(other_story)) == (1, 0)
    assert Comment.objects.get(text="Kind words").status == "approved"


def test_filters_and_search(desk, story):
    CommentFactory(article=story, author_name="Zoya", text="About the budget")
    CommentFactory(article=ArticleFactory(), author_name="Pyotr", text="About the weather", status="rejected")
    base = reverse(CHANGELIST)
    assert "Zoya" in desk.get(f"{base}?q=budget").content.decode()
    assert "Zoya" not in desk.get(f"{base}?q=weather").content.decode()
    assert "Pyotr" in desk.get(f"{base}?q=pyotr").content.decode()
    assert "Zoya" not in desk.get(f"{base}?status__exact=rejected").content.decode()
    assert "Pyotr" not in desk.get(f"{base}?article__id__exact={story.pk}").content.decode()
    assert desk.get(f"{base}?created_at__gte=2000-01-01").status_code == 200
    assert desk.get(f"{base}?commenter=user:not-a-number").status_code == 200


def test_editing_a_comment_in_the_admin_keeps_the_count_exact(desk, story):
    comment = CommentFactory(article=story)
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    form = {
        "article": story.pk,
        "parent": "",
        "status": "rejected",
        "author_name": comment.author_name,
        "author_email": "",
        "user": "",
        "text": comment.text,
        "reports-TOTAL_FORMS": 0,
        "reports-INITIAL_FORMS": 0,
    }
    response = desk.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert count(story) == 0
    desk.post(reverse("admin:comments_comment_delete", args=[comment.pk]), {"post": "yes"})
    assert not Comment.objects.exists()


def test_word_rules_are_stored_normalised(desk):
    response = desk.post(reverse("admin:comments_wordrule_add"), {"word": "  Online   CASINO ", "kind": "banned"})
    assert response.status_code == 302
    assert WordRule.objects.get().word == "online casino"
    assert "online casino" in desk.get(reverse("admin:comments_wordrule_changelist")).content.decode()


def test_editors_close_and_reopen_comments_from_the_story_list(client, editor, story):
    client.force_login(editor)
    changelist = reverse("admin:articles_article_changelist")
    response = client.post(changelist, {"action": "close_comments", "_selected_action": [story.pk]}, follow=True)
    assert "Comments closed on 1 story." in response.content.decode()
    story.refresh_from_db()
    assert story.comments_closed
    assert "The editors have closed comments on this story." in client.get(story.get_absolute_url()).content.decode()
    client.post(changelist, {"action": "reopen_comments", "_selected_action": [story.pk]})
    story.refresh_from_db()
    assert not story.comments_closed


def test_story_form_has_the_comment_settings(client, editor, story):
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    assert 'name="comments_closed"' in html
    assert 'name="comments_moderation"' in html
    assert "Leave empty to follow the site" in html


def test_why_held_is_in_the_moderators_language_whatever_the_commenters(client, admin_user):
    story = ArticleFactory(edition="ru", section__edition="ru", section__slug="obshchestvo")
    with translation.override("ru"):
        held = comment_create(article=story, text="Смотрите https://example.org", author_name="Читатель")
    client.force_login(admin_user)

    listing = client.get("/admin/comments/comment/").content.decode()
    assert held.held_reason == "Contains links"
    assert "Contains links" in listing and "Содержит ссылки" not in listing

    client.post("/i18n/setlang/", {"language": "ru", "next": "/admin/"})
    page = client.get(f"/admin/comments/comment/{held.pk}/change/").content.decode()
    assert "Содержит ссылки" in page


def test_reasons_stored_in_the_commenters_language_are_rewritten_in_the_codes_words(client, admin_user):
    """Migration comments 0006: reasons kept before they were stored untranslated read right afterwards."""
    story = ArticleFactory(edition="ru", section__edition="ru", section__slug="obshchestvo")
    with translation.override("ru"):
        banned_ru = translation.gettext("Banned word: %(word)s") % {"word": "казино"}
    legacy = [
        Comment.objects.create(article=story, author_name="Старый", text="Давний", held_reason=reason)
        for reason in ("Предварительная модерация", banned_ru, "Pre-moderation", "Checked by hand")
    ]
    migration = importlib.import_module("comments.migrations.0006_held_reasons_in_code_words")

    migration.rewrite_reasons(django_apps, None)

    stored = [Comment.objects.get(pk=comment.pk).held_reason for comment in legacy]
    assert stored == ["Pre-moderation", "Banned word: казино", "Pre-moderation", "Checked by hand"]
    client.force_login(admin_user)
    listing = client.get("/admin/comments/comment/").content.decode()
    assert "Banned word: казино" in listing and "Предварительная модерация" not in listing
