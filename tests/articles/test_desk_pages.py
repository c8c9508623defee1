"""The desk's pages: planning, the audit log, the index's warnings; datelines and the list's filters."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.desk.audit import Action, audit_record
from articles.desk.dateline import dateline
from articles.desk.models import AuditEntry
from articles.desk.workflow import story_move
from articles.models import Article
from comments.models import Comment
from comments.typos.models import TypoReport
from tests.factories import ArticleFactory, CommentFactory, SectionFactory, TypoReportFactory

pytestmark = pytest.mark.django_db

Status = Article.Status
PLANNING_URL = "/admin/articles/article/planning/"
AUDIT_URL = "/admin/articles/auditentry/"


def queries_for(client, url):
    assert client.get(url).status_code == 200  # warms what every admin page reads once (sessions, content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


# ---- Datelines ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edition", "expected"),
    [("en", "MOSCOW, Dec 1 —"), ("ru", "МОСКВА, 1 декабря —")],
)
def test_the_dateline_is_in_the_editions_style(edition, expected):
    moment = timezone.make_aware(datetime(2026, 12, 1, 9, 30))
    place = "Moscow" if edition == "en" else "Москва"
    story = ArticleFactory.build(edition=edition, dateline_place=place, published_at=moment)

    assert dateline(story) == expected


def test_readers_see_the_dateline_before_the_first_paragraph(client):
    story = ArticleFactory(dateline_place="Kazan", published_at=timezone.now() - timedelta(minutes=5))

    page = client.get(story.get_absolute_url()).content.decode()

    day = timezone.localtime(story.published_at).strftime("%b %-d")
    assert f'<p class="story__dateline">KAZAN, {day} —</p>' in page
    assert page.index("story__dateline") < page.index("The bill passed with a comfortable majority.")


def test_no_place_no_dateline(client):
    story = ArticleFactory()
    assert "story__dateline" not in client.get(story.get_absolute_url()).content.decode()


def test_the_list_filters_by_urgency_slugline_and_dateline(editor_client):
    flash = ArticleFactory(urgency="flash", slugline="QUAKE", dateline_place="Tokyo")
    routine = ArticleFactory(urgency="routine", slugline="BUDGET", dateline_place="Moscow")
    url = reverse("admin:articles_article_changelist")

    def shown(query):
        return list(editor_client.get(url + query).context["cl"].result_list)

    assert shown("?urgency__exact=flash") == [flash]
    assert shown("?slugline=BUDGET") == [routine]
    assert shown("?dateline=Tokyo") == [flash]
    page = editor_client.get(url).content.decode()
    assert "?slugline=QUAKE" in page and "?dateline=Moscow" in page


# ---- Planning -------------------------------------------------------------------------------------------


def test_planning_lists_scheduled_and_embargoed_stories_by_day(editor_client):
    now = timezone.now()
    tomorrow = ArticleFactory(title="Scheduled for tomorrow", published_at=now + timedelta(days=1))
    embargoed = ArticleFactory(
        title="Waiting for its embargo",
        status=Status.APPROVED,
        published_at=None,
        embargo_until=now + timedelta(days=2),
    )
    ArticleFactory(title="Already live")
    ArticleFactory(title="A plain draft", draft=True)

    response = editor_client.get(PLANNING_URL)

    days = response.context["days"]
    assert [[story.title for story in day.stories] for day in days] == [[tomorrow.title], [embargoed.title]]
    assert [day.day for day in days] == [
        timezone.localdate(tomorrow.published_at),
        timezone.localdate(embargoed.embargo_until),
    ]
    page = response.content.decode()
    assert "Already live" not in page and "A plain draft" not in page
    assert "Scheduled" in page


def test_planning_is_for_staff_who_see_stories(client, django_user_model):
    user = django_user_model.objects.create_user("nobody", password="pw", is_staff=True)
    client.force_login(user)
    assert client.get(PLANNING_URL).status_code == 403


def grow_schedule(count, start=0):
    section = SectionFactory()
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            edition="en",
            section=section,
            title=f"Planned {i}",
            slug=f"planned-{start}-{i}",
            lead="Later.",
            status=Status.PUBLISHED,
            published_at=now + timedelta(hours=1 + i % 200),
        )
        for i in range(count)
    )


def test_planning_reads_the_same_few_queries_with_10_and_1000_stories(editor_client):
    grow_schedule(10)
    with_10, _response = queries_for(editor_client, PLANNING_URL)
    grow_schedule(990, start=1)
    with_1000, response = queries_for(editor_client, PLANNING_URL)

    assert with_1000 == with_10
    assert sum(len(day.stories) for day in response.context["days"]) == 1000


# ---- Audit log ------------------------------------------------------------------------------------------


def test_the_audit_log_is_read_only_even_for_superusers(client, django_user_model, editor):
    boss = django_user_model.objects.create_superuser("boss", password="pw-boss-123")
    entry = audit_record(actor=editor, action=Action.PUBLISH, obj=ArticleFactory())
    client.force_login(boss)

    assert client.get(AUDIT_URL).status_code == 200
    assert client.get(AUDIT_URL + "add/").status_code == 403
    assert client.post(reverse("admin:articles_auditentry_change", args=[entry.pk]), {"detail": "x"}).status_code == 403
    assert client.post(reverse("admin:articles_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.get().detail == ""


def test_the_audit_log_filters_by_person_action_and_date(editor_client, editor, django_user_model):
    other = django_user_model.objects.create_user("other", is_staff=True)
    story = ArticleFactory()
    mine = audit_record(actor=editor, action=Action.PUBLISH, obj=story)
    audit_record(actor=other, action=Action.WITHDRAW, obj=story)
    with time_machine.travel(timezone.now() - timedelta(days=40)):
        old = audit_record(actor=editor, action=Action.PUBLISH, obj=story)

    def shown(query):
        return set(editor_client.get(AUDIT_URL + query).context["cl"].result_list)

    assert shown(f"?actor__id__exact={editor.pk}") == {mine, old}
    assert shown("?action__exact=withdraw") == {AuditEntry.objects.get(action="withdraw")}
    today = timezone.localdate()
    assert shown(f"?created_at__gte={today.isoformat()}&action__exact=publish") == {mine}


def test_the_audit_log_reads_the_same_few_queries_with_10_and_1000_entries(editor_client, editor):
    story = ArticleFactory()
    kind = ContentType.objects.get_for_model(Article)

    def grow(count):
        AuditEntry.objects.bulk_create(
            AuditEntry(
                actor=editor,
                actor_name="editor",
                action=Action.PUBLISH,
                content_type=kind,
                object_id=str(story.pk),
                object_repr=story.title,
            )
            for _ in range(count)
        )

    grow(10)
    with_10, _response = queries_for(editor_client, AUDIT_URL)
    grow(990)
    with_1000, response = queries_for(editor_client, AUDIT_URL)

    assert with_1000 == with_10
    assert len(response.context["cl"].result_list) == 100  # a full page


def test_moderating_comments_is_logged(client, django_user_model):
    moderator = django_user_model.objects.create_user("moderator", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    comment = CommentFactory(status=Comment.Status.PENDING)

    response = client.post(
        reverse("admin:comments_comment_changelist"), {"action": "approve", "_selected_action": [comment.pk]}
    )

    assert response.status_code == 302
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.object_id) == (moderator, Action.COMMENT_APPROVE, str(comment.pk))
    assert entry.content_type.model_class() is Comment


def test_closing_typo_reports_is_logged(editor_client, editor):
    report = TypoReportFactory()

    editor_client.post(
        reverse("admin:comments_typoreport_changelist"), {"action": "mark_fixed", "_selected_action": [report.pk]}
    )

    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.object_id) == (editor, Action.TYPO_FIXED, str(report.pk))
    assert entry.content_type.model_class() is TypoReport


def test_embargo_changes_are_logged(editor):
    from articles.desk.workflow import story_save

    story = ArticleFactory(status=Status.APPROVED, published_at=None)
    story.embargo_until = timezone.now() + timedelta(hours=5)
    story_save(article=story, user=editor, old_status=Status.APPROVED, old_embargo=None)

    entry = AuditEntry.objects.get()
    assert entry.action == Action.EMBARGO
    assert entry.detail.startswith("embargo until")


# ---- The admin index's warnings -------------------------------------------------------------------------


def test_the_index_warns_about_overdue_and_stuck_stories(editor_client, editor, settings):
    settings.DESK_STUCK_AFTER_MINUTES = {"ready": 120}
    now = timezone.now()
    ArticleFactory(status=Status.APPROVED, published_at=now - timedelta(minutes=10))  # its time passed
    ArticleFactory(status=Status.READY, published_at=None, embargo_until=now - timedelta(minutes=1))  # embargo over
    waiting = ArticleFactory(draft=True)
    story_move(article=waiting, to=Status.READY, user=editor)

    page = editor_client.get("/admin/").content.decode()
    assert "2 stories are overdue" in page
    assert "too long" not in page

    with time_machine.travel(now + timedelta(hours=3)):
        editor_client.force_login(editor)
        page = editor_client.get("/admin/").content.decode()
        assert "1 story has been in its status too long." in page
        stuck = editor_client.get(reverse("admin:articles_article_changelist") + "?desk=stuck").context["cl"]
        assert waiting in list(stuck.result_list)


def test_nothing_to_warn_about_no_warning(editor_client):
    ArticleFactory()
    assert 'id="desk-warnings"' not in editor_client.get("/admin/").content.decode()
