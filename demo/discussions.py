"""Demo discussions at an agency's size: comments written straight into the table, in bulk.

Comments go to published stories only, with a long tail: most stories get none or a few, a few get
thousands; each comment is posted after its story's publication, most of them within hours. Some are
replies, some wait for a moderator, some were rejected or filed as spam, some are hidden by reports.
PostgreSQL takes them through COPY, other databases through bulk_create in batches; each story's
comment_count is recounted from the rows afterwards.
"""

import hashlib
import math
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Count, Max
from django.utils import timezone

from articles.models import Article
from comments.models import Comment, text_fingerprint
from comments.services import HELD_BANNED_WORD, HELD_PRE_MODERATION

from .phrasebook import bank_editions, phrase_bank

# Share of published stories that get any comment; the rest get none.
COMMENTED_SHARE = 0.4
# The n-th most discussed of C commented stories gets a share proportional to
# (n + C * TAIL_OFFSET_SHARE) ** -TAIL_EXPONENT: at 100,000 stories and 1,000,000 comments the top
# hundred get a thousand or more each, the median commented story a handful.
TAIL_EXPONENT = 1.3
TAIL_OFFSET_SHARE = 0.0005
REPLY_SHARE = 0.3
# What happened to comments, by share (the rest are published).
PENDING_SHARE = 0.06
REJECTED_SHARE = 0.05
SPAM_SHARE = 0.03
HIDDEN_SHARE = 0.02  # published, then hidden by readers' reports
PICK_SHARE = 0.005
# Most comments come within hours of publication; the rest at any time since.
EARLY_SHARE = 0.8
EARLY_MEAN_SECONDS = 4 * 3600
COMMENTERS_PER_EDITION = 3000
# On PostgreSQL, a load at least this large (and at least as large as the table) rebuilds the indexes
# once at the end instead of updating them row by row.
REBUILD_INDEXES_FROM = 100_000

COLUMNS = [
    "id",
    "article_id",
    "parent_id",
    "user_id",
    "author_name",
    "author_email",
    "text",
    "status",
    "held_reason",
    "is_pick",
    "is_hidden",
    "open_reports",
    "ip_hash",
    "reader_token",
    "fingerprint",
    "created_at",
    "moderated_at",
    "moderated_by_id",
]


def demo_comments_bulk(
    *,
    total,
    batch_size=50_000,
    now=None,
    on_batch: Callable[[int], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
):
    """Bring the number of comments up to `total` (none written when there are already that many).

    Returns the number written. Rerunning with the same total adds nothing, as the rest of the seed.
    """
    now = now or timezone.now()
    existing = Comment.objects.count()
    missing = total - existing
    stories = list(
        Article.objects.published()
        .filter(published_at__lte=now)
        .order_by("pk")
        .values_list("pk", "edition", "published_at")
    )
    if missing <= 0 or not stories:
        return 0
    rng = random.Random(f"newsportal-comments-{existing}")  # noqa: S311 - reproducible demo content, not secrets
    first_id = (Comment.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    plan = _story_counts(rng, stories, missing)
    rows = _comment_rows(rng=rng, plan=plan, first_id=first_id, now=now)
    done = 0
    batches = _batches(rows, batch_size)
    if connection.vendor == "postgresql" and missing >= max(existing, REBUILD_INDEXES_FROM):
        # One transaction: the indexes come back (or the load is undone) whatever happens.
        with transaction.atomic(), _indexes_rebuilt_after(on_stage):
            for batch in batches:
                _copy_batch(batch)
                done += len(batch)
                if on_batch:
                    on_batch(done)
    else:
        write = _copy_batch if connection.vendor == "postgresql" else _bulk_create_batch
        for batch in batches:
            with transaction.atomic():
                write(batch)
            done += len(batch)
            if on_batch:
                on_batch(done)
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Comment]):
            cursor.execute(statement)
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner takes the new rows for a few and scans them per story.
            cursor.execute("ANALYZE " + connection.ops.quote_name(Comment._meta.db_table))
    if on_stage:
        on_stage("recounting comments per story")
    _recount({story_id for (story_id, _edition, _published_at), _n in plan})
    return done


@contextmanager
def _indexes_rebuilt_after(on_stage=None):
    """Drop the table's secondary indexes and foreign keys for the load, then build each index once
    and check each key with one join (PostgreSQL's advice for populating a database): sorting a million
    rows once is far cheaper than updating eleven b-trees and firing two checks row by row. Holds the
    table's lock until the transaction ends, so it is for seeding, not for a site serving readers."""
    table = Comment._meta.db_table
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # Checks still pending in this transaction run now: tables with pending checks cannot be altered.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass "
            "AND contype = 'f'",
            [table],
        )
        foreign_keys = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
            "AND i.tablename = %s AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            [table],
        )
        indexes = cursor.fetchall()
        for name, _definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
        for name, _definition in indexes:
            cursor.execute("DROP INDEX " + quote(name))
    yield
    if on_stage:
        on_stage("building indexes and checking keys")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for name, definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")


def _recount(story_ids):
    """comment_count of these stories from what readers see (the same rule as comment_count_refresh), with
    one aggregate over the whole table: per-story subqueries cost ten times more when thousands of stories
    changed (3 s against 36 s at a million comments)."""
    visible = dict(
        Comment.objects.visible().order_by().values("article").annotate(n=Count("pk")).values_list("article", "n")
    )
    by_count = defaultdict(list)
    for story_id in sorted(story_ids):
        by_count[visible.get(story_id, 0)].append(story_id)
    # One UPDATE per distinct total (a few hundred): far cheaper than a CASE over thousands of ids.
    with transaction.atomic():
        for count, ids in by_count.items():
            for start in range(0, len(ids), 10_000):
                Article.objects.filter(pk__in=ids[start : start + 10_000]).update(comment_count=count)


def _batches(rows: Iterator[tuple], size):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _copy_batch(batch):
    columns = ", ".join(COLUMNS)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY comments_comment ({columns}) FROM STDIN") as copy:
        for row in batch:
            copy.write_row(row)


def _bulk_create_batch(batch):
    Comment.objects.bulk_create([Comment(**dict(zip(COLUMNS, row, strict=True))) for row in batch], batch_size=500)


def _story_counts(rng, stories, count):
    """How many comments each story gets: a long tail over a random share of the stories."""
    commented = rng.sample(stories, max(1, math.ceil(len(stories) * COMMENTED_SHARE)))
    cumulative, running, offset = [], 0.0, len(commented) * TAIL_OFFSET_SHARE
    for rank in range(len(commented)):
        running += (rank + 1 + offset) ** -TAIL_EXPONENT
        cumulative.append(running)
    picks = Counter(rng.choices(range(len(commented)), cum_weights=cumulative, k=count))
    return [(commented[rank], n) for rank, n in sorted(picks.items())]


class _Crowd:
    """One edition's commenters and what they write, prepared once.

    The same names come back, each with the same e-mail and address, some far more often than others.
    Texts come with their fingerprints, so a million rows hash a few thousand strings.
    """

    def __init__(self, rng, edition):
        bank = phrase_bank("comments", edition)
        self.people = []
        for number in range(COMMENTERS_PER_EDITION):
            if rng.random() < 0.2:
                name = f"{rng.choice(bank.handles)}{rng.randint(1, 999)}"
            else:
                name = f"{rng.choice(bank.first_names)} {rng.choice(bank.last_names)}"
            email = f"reader{number}@example.com" if rng.random() < 0.6 else ""
            ip_hash = hashlib.sha256(f"{edition}-{number}".encode()).hexdigest()
            self.people.append((name, email, ip_hash))
        self.cumulative = list(_running_sum((n + 1) ** -0.8 for n in range(COMMENTERS_PER_EDITION)))
        self.comments = _with_fingerprints(
            " ".join(part for part in (opening, body, closing) if part)
            for opening in bank.openings
            for body in bank.bodies
            for closing in dict.fromkeys(bank.closings)
        )
        self.replies = _with_fingerprints(f"{reply} {body}" for reply in bank.replies for body in bank.bodies)
        self.spam = _with_fingerprints(bank.spam)
        # Filed as spam by a banned-word rule, in the code's words like every held reason.
        self.spam_reasons = [HELD_BANNED_WORD % {"word": word} for word in bank.spam_words]

    def commenters(self, rng, n):
        return rng.choices(self.people, cum_weights=self.cumulative, k=n)


def _with_fingerprints(texts):
    return [(text, text_fingerprint(text)) for text in texts]


def _running_sum(values):
    total = 0.0
    for value in values:
        total += value
        yield total


def _comment_rows(*, rng, plan, first_id, now):
    """Row tuples in COLUMNS order, story by story, each story's comments in time order."""
    crowds = {edition: _Crowd(rng, edition) for edition in bank_editions("comments")}
    approved, pending = Comment.Status.APPROVED.value, Comment.Status.PENDING.value
    rejected, spam = Comment.Status.REJECTED.value, Comment.Status.SPAM.value
    pending_below, rejected_below = SPAM_SHARE + PENDING_SHARE, SPAM_SHARE + PENDING_SHARE + REJECTED_SHARE
    random, choice, uniform, expovariate = rng.random, rng.choice, rng.uniform, rng.expovariate
    early_rate = 1 / EARLY_MEAN_SECONDS
    next_id = first_id
    for (story_id, edition, published_at), n in plan:
        crowd = crowds.get(edition, crowds["en"])
        window = max((now - published_at).total_seconds() - 1, 1)
        delays = sorted(
            min(expovariate(early_rate), window) if random() < EARLY_SHARE else uniform(0, window) for _ in range(n)
        )
        visible_top = []
        for delay, (name, email, ip_hash) in zip(delays, crowd.commenters(rng, n), strict=True):
            created = published_at + timedelta(seconds=delay)
            parent_id, held, is_hidden, is_pick = None, "", False, False
            roll = random()
            if roll < SPAM_SHARE:
                which = rng.randrange(len(crowd.spam))
                status, held = spam, crowd.spam_reasons[which]
                text, fingerprint = crowd.spam[which]
            else:
                status = pending if roll < pending_below else rejected if roll < rejected_below else approved
                if visible_top and random() < REPLY_SHARE:
                    parent_id = choice(visible_top)
                    text, fingerprint = choice(crowd.replies)
                else:
                    text, fingerprint = choice(crowd.comments)
            if status == pending:
                held, moderated_at = HELD_PRE_MODERATION, None
            else:
                moderated_at = min(created + timedelta(seconds=uniform(30, 3600)), now)
            if status == approved:
                is_hidden = random() < HIDDEN_SHARE
                if parent_id is None and not is_hidden:
                    visible_top.append(next_id)
                    is_pick = random() < PICK_SHARE
            yield (
                next_id,
                story_id,
                parent_id,
                None,
                name,
                email,
                text,
                status,
                held,
                is_pick,
                is_hidden,
                3 if is_hidden else 0,
                ip_hash,
                "",
                fingerprint,
                created,
                moderated_at,
                None,
            )
            next_id += 1
