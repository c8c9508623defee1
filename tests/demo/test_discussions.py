"""`seed_demo --comments M`: bulk discussions with a realistic mix, and exact comment counts."""

import statistics
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, F, Max
from django.utils import timezone, translation

from articles.models import Article
from comments.models import Comment
from comments.services import held_reason_display
from tests.factories import ArticleFactory, CommentFactory

TOTAL = 3000


def seed_comments(total):
    out = StringIO()
    call_command("seed_demo", "--comments", str(total), "--comment-batch-size", "700", stdout=out)
    return out.getvalue()


@pytest.fixture
def archive():
    """Stories published over the last month, plus ones readers cannot see yet."""
    now = timezone.now()
    published = [ArticleFactory(published_at=now - timedelta(hours=3 + 7 * n)) for n in range(100)]
    hidden = [ArticleFactory(draft=True), ArticleFactory(scheduled=True)]
    return published, hidden


def assert_sound(published, hidden):
    now = timezone.now()
    comments = Comment.objects.all()
    assert not comments.filter(article__in=hidden).exists()
    assert not comments.filter(created_at__lt=F("article__published_at")).exists()
    assert not comments.filter(created_at__gt=now).exists()
    replies = comments.filter(parent__isnull=False)
    assert replies.exists()
    assert not replies.exclude(parent__article=F("article")).exists()
    assert not replies.filter(parent__parent__isnull=False).exists()
    assert not replies.filter(created_at__lt=F("parent__created_at")).exists()
    assert not replies.exclude(parent__status=Comment.Status.APPROVED, parent__is_hidden=False).exists()
    # Every story's count is what readers see under it.
    visible = dict(Comment.objects.visible().values("article").annotate(n=Count("pk")).values_list("article", "n"))
    for story in Article.objects.filter(pk__in=[story.pk for story in published]):
        assert story.comment_count == visible.get(story.pk, 0)


@pytest.mark.django_db
def test_comments_come_in_the_mix_readers_and_moderators_meet(archive):
    published, hidden = archive
    output = seed_comments(TOTAL)

    assert Comment.objects.count() == TOTAL
    assert f"Wrote {TOTAL} comments" in output
    assert f"{TOTAL} comments, " in output  # the progress line
    assert_sound(published, hidden)

    shares = {status: Comment.objects.filter(status=status).count() / TOTAL for status in Comment.Status.values}
    assert shares[Comment.Status.APPROVED] > 0.75
    assert 0.03 < shares[Comment.Status.PENDING] < 0.1
    assert 0.02 < shares[Comment.Status.REJECTED] < 0.1
    assert 0.01 < shares[Comment.Status.SPAM] < 0.06
    assert Comment.objects.filter(is_hidden=True, open_reports__gt=0).exists()
    assert 0.15 < Comment.objects.filter(parent__isnull=False).count() / TOTAL < 0.4
    assert Comment.objects.values("author_name").distinct().count() > 100
    assert Comment.objects.values("text").distinct().count() > 200
    # Why each was held, in the code's words, so a Russian moderator reads it in Russian.
    reasons = set(Comment.objects.exclude(held_reason="").values_list("held_reason", flat=True))
    assert "Pre-moderation" in reasons and any(reason.startswith("Banned word: ") for reason in reasons)
    with translation.override("ru"):
        assert all(held_reason_display(reason) != reason for reason in reasons)


@pytest.mark.django_db
def test_a_few_stories_get_most_comments_and_most_get_few_or_none(archive):
    published, _hidden = archive
    seed_comments(TOTAL)

    counts = sorted(
        Article.objects.filter(pk__in=[story.pk for story in published])
        .annotate(n=Count("comments"))
        .values_list("n", flat=True),
        reverse=True,
    )
    assert counts.count(0) >= len(counts) / 2
    commented = [n for n in counts if n]
    assert counts[0] > 5 * statistics.median(commented)
    assert sum(counts[:5]) > TOTAL / 4


@pytest.mark.django_db
def test_most_comments_come_soon_after_publication(archive):
    seed_comments(TOTAL)

    within_a_day = Comment.objects.filter(created_at__lte=F("article__published_at") + timedelta(days=1)).count()
    assert within_a_day / TOTAL > 0.7
    assert Comment.objects.filter(created_at__gt=F("article__published_at") + timedelta(days=3)).exists()


@pytest.mark.django_db
def test_rerunning_tops_up_to_the_total_and_no_further(archive):
    published, hidden = archive
    story = published[0]
    CommentFactory.create_batch(5, article=story)
    seed_comments(1000)
    assert Comment.objects.count() == 1000

    assert "added none" in seed_comments(1000)
    assert Comment.objects.count() == 1000

    seed_comments(1500)
    assert Comment.objects.count() == 1500
    assert_sound(published, hidden)
    # The id sequence follows the rows written with explicit ids: a reader's next comment still saves.
    top = Comment.objects.aggregate(top=Max("pk"))["top"]
    assert CommentFactory(article=story).pk > top


@pytest.mark.django_db
def test_without_copy_batched_inserts_write_the_same_mix(archive, monkeypatch):
    """The path SQLite takes (the demo's default database): bulk_create in batches."""
    published, hidden = archive
    monkeypatch.setattr(connection, "vendor", "sqlite")
    seed_comments(800)
    monkeypatch.undo()

    assert Comment.objects.count() == 800
    assert_sound(published, hidden)


@pytest.mark.django_db
def test_nothing_to_comment_on_writes_nothing():
    ArticleFactory(draft=True)
    assert "added none" in seed_comments(50)
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_a_large_load_rebuilds_every_index_and_key_it_dropped(archive, monkeypatch):
    """Large loads on PostgreSQL drop the secondary indexes and foreign keys and restore them at the end."""
    from demo import discussions as seed

    def index_names():
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [Comment._meta.db_table])
            indexes = {name for (name,) in cursor.fetchall()}
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass",
                [Comment._meta.db_table],
            )
            return indexes | set(cursor.fetchall())

    published, hidden = archive
    before = index_names()
    monkeypatch.setattr(seed, "REBUILD_INDEXES_FROM", 100)
    seed_comments(1200)

    assert index_names() == before
    assert len(before) > 10
    assert Comment.objects.count() == 1200
    assert_sound(published, hidden)
