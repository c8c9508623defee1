"""Each editorial role gets what its work needs, and no more (the matrix is in docs/roles.md)."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.test import Client

from articles.desk.permissions import withdraw_permissions
from comments.models import Comment
from comments.typos.models import TypoReport
from tests.factories import CommentFactory, TypoReportFactory

pytestmark = pytest.mark.django_db

CRUD = ("add", "change", "delete", "view")
EDITORIAL = (
    "article",
    "section",
    "author",
    "photo",
    "relatedlink",
    "correction",
    "storynote",
    "liveblog",
    "liveentry",
)

EXPECTED = {
    "Editors": {
        *(f"articles.{a}_{m}" for m in EDITORIAL for a in CRUD),
        "articles.view_articledailyviews",
        "articles.view_ranking",
        # The wire desk: sources, mapping rules, items and runs, and the partner API's tombstones (not its keys).
        "articles.view_wiresource",
        "articles.view_wiremapping",
        "articles.view_wireitem",
        "articles.view_wirerun",
        "articles.view_deletedstory",
        "articles.view_vote",
        # The workflow's moves and its audit log (read-only: the log has no other permission).
        "articles.approve_article",
        "articles.publish_article",
        "articles.withdraw_article",
        "articles.view_auditentry",
        *(f"taggit.{a}_tag" for a in CRUD),
        "comments.view_comment",
        "comments.view_typoreport",
        "comments.change_typoreport",
    },
    "Reporters": {
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.view_section",
        "articles.view_author",
        "articles.add_photo",
        "articles.change_photo",
        "articles.view_photo",
        *(f"articles.{a}_relatedlink" for a in CRUD),
        "articles.add_storynote",
        "articles.view_storynote",
        "taggit.add_tag",
        "taggit.view_tag",
    },
    "Moderators": {
        "articles.view_article",
        "articles.view_auditentry",
        "comments.view_comment",
        "comments.change_comment",
        "comments.delete_comment",
        "comments.view_commenter_identity",
        "comments.view_commentreport",
        "comments.change_commentreport",
        "comments.delete_commentreport",
        *(f"comments.{a}_wordrule" for a in CRUD),
        "comments.view_typoreport",
        "comments.change_typoreport",
    },
}


def granted(name):
    return {
        f"{app}.{codename}"
        for app, codename in Group.objects.get(name=name).permissions.values_list("content_type__app_label", "codename")
    }


@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_group_holds_exactly_its_matrix(name):
    assert granted(name) == EXPECTED[name]


def staff(django_user_model, group):
    user = django_user_model.objects.create_user(group.lower(), password="pw-123-role", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


def test_moderators_cannot_write_a_comment_in_anyones_name(django_user_model, admin_user):
    desk = staff(django_user_model, "Moderators")
    comment = CommentFactory()
    assert desk.get("/admin/comments/comment/add/").status_code == 403
    response = desk.post(
        "/admin/comments/comment/add/",
        {"article": comment.article.pk, "user": admin_user.pk, "author_name": "Boss", "text": "Approved by me"},
    )
    assert response.status_code == 403
    assert not Comment.objects.filter(text="Approved by me").exists()


def test_moderators_cannot_reattribute_a_comment(django_user_model, admin_user):
    desk = staff(django_user_model, "Moderators")
    comment = CommentFactory(author_email="anna@example.org")
    page = desk.get(f"/admin/comments/comment/{comment.pk}/change/").content.decode()
    assert 'name="user"' not in page
    assert 'name="article"' not in page
    assert "anna@example.org" in page  # they do see who wrote it


def test_moderators_cannot_delete_the_editors_typo_reports(django_user_model):
    desk = staff(django_user_model, "Moderators")
    report = TypoReportFactory()
    response = desk.post(f"/admin/comments/typoreport/{report.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert TypoReport.objects.filter(pk=report.pk).exists()


def test_editors_do_not_see_who_wrote_a_comment(django_user_model):
    desk = staff(django_user_model, "Editors")
    comment = CommentFactory(author_email="anna@example.org", author_name="Anna", ip_hash="f00d" * 16)
    for url in (
        f"/admin/comments/comment/{comment.pk}/change/",
        "/admin/comments/comment/",
    ):
        response = desk.get(url, follow=True)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "anna@example.org" not in page, url
        assert "f00d" * 4 not in page, url
    # Searching by e-mail would tell them whose it is: the address is not searched for them.
    found = desk.get("/admin/comments/comment/?q=anna%40example.org").content.decode()
    assert comment.text not in found
    # Nor can they list a commenter's comments by address.
    probe = desk.get("/admin/comments/comment/?commenter=email%3Aanna%40example.org", follow=True)
    assert "This commenter" not in probe.content.decode()


def test_moderators_do_see_and_search_commenters(django_user_model):
    desk = staff(django_user_model, "Moderators")
    comment = CommentFactory(author_email="anna@example.org")
    found = desk.get("/admin/comments/comment/?q=anna%40example.org").content.decode()
    assert comment.text[:40] in found


def test_the_migration_takes_back_what_was_withdrawn():
    moderators = Group.objects.get(name="Moderators")
    extra = Permission.objects.get(content_type__app_label="comments", codename="add_comment")
    mine = Permission.objects.get(content_type__app_label="auth", codename="view_user")
    moderators.permissions.add(extra, mine)
    withdraw_permissions(apps, None)
    assert "comments.add_comment" not in granted("Moderators")
    assert "auth.view_user" in granted("Moderators")  # what an administrator added by hand stays
