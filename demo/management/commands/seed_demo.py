"""`seed_demo`: the showcase a fresh install starts with, or stories and comments in bulk for benchmarks."""

import argparse
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.discussions import demo_comments_bulk
from demo.live import demo_live_blog_seed
from demo.readers import demo_readers_seed
from demo.sitepages import demo_site_pages_ensure
from demo.stories import DEFAULT_IMAGE_WIDTH, demo_showcase_seed, demo_stories_bulk


def positive_int(value):
    """argparse type: the parser turns the error into a usage message (CLI) or CommandError (call_command)."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number above zero, got {value!r}")
    return number


class Command(BaseCommand):
    help = (
        "Without options: seed the demo once (sections, about 70 stories and 24 pictures per edition, the "
        "stories linked as translations, with comments, votes and views); run again, it keeps what is there "
        "and adds nothing. With --articles N: add N stories in bulk, "
        "for benchmarks. With --comments M: bring the comments on published stories up to M in bulk "
        "(nothing is added when there are already M)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles", type=positive_int, help="Add this many stories in bulk, split between editions."
        )
        parser.add_argument(
            "--edition", choices=[*(code for code, _name in settings.LANGUAGES), "both"], default="both"
        )
        parser.add_argument(
            "--image-width",
            type=positive_int,
            default=DEFAULT_IMAGE_WIDTH,
            help="Width of the drawn pictures in pixels (tests use small ones).",
        )
        parser.add_argument("--batch-size", type=positive_int, default=2000, help="Stories per INSERT in bulk mode.")
        parser.add_argument(
            "--comments",
            type=positive_int,
            help="Bring the number of comments up to this many, spread over published stories (a long tail).",
        )
        parser.add_argument(
            "--comment-batch-size", type=positive_int, default=50_000, help="Comments per COPY (or bulk insert)."
        )
        parser.add_argument("--days", type=positive_int, default=365, help="Bulk stories spread over this many days.")

    def handle(self, *args, articles, edition, image_width, batch_size, days, comments, comment_batch_size, **options):
        editions = [code for code, _name in settings.LANGUAGES] if edition == "both" else [edition]
        if image_width < 320:
            raise CommandError("--image-width must be at least 320: the site refuses narrower photos.")
        if articles is not None:
            self.bulk(editions, articles, image_width, batch_size, days)
        elif comments is None:
            self.seed_once(editions, image_width)
        if comments is not None:
            self.comments_bulk(comments, comment_batch_size)

    def seed_once(self, editions, image_width):
        started = time.monotonic()
        self.stdout.write(
            f"Seeding the demo content of {', '.join(editions)} (an edition with sections is left alone)…"
        )
        live = self.stdout.isatty()

        def progress(edition, done, total):
            line = f"{edition}: {done}/{total} stories" if done else f"{edition}: pictures ready, writing stories"
            # A terminal sees every step on one line rewritten in place; a log only the first and last.
            if live:
                self.stdout.write(f"\r{line}\033[K", ending="")
                self.stdout.flush()
            elif done in (0, total):
                self.stdout.write(line)

        written = demo_showcase_seed(editions=editions, image_width=image_width, on_progress=progress)
        demo_site_pages_ensure(editions=editions)
        if live:
            self.stdout.write("")
        for edition, stories in written.items():
            if stories:
                self.stdout.write(self.style.SUCCESS(f"Seeded the {edition} edition: {len(stories)} stories."))
                if demo_live_blog_seed(edition=edition):
                    self.stdout.write(self.style.SUCCESS(f"The {edition} home page's lead story is a live blog."))
            else:
                self.stdout.write(f"The {edition} edition already has sections; left it as it is.")
        if any(written.values()):
            self.stdout.write("Readers: comments, votes and views, then the ranked lists…")
            story_ids = [story.pk for stories in written.values() for story in stories]
            comments, votes, views = demo_readers_seed(story_ids=story_ids)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Seeded {comments} comments, {votes} votes and {views} daily view counts "
                    f"in {time.monotonic() - started:.0f} s."
                )
            )

    def comments_bulk(self, total, batch_size):
        started = time.monotonic()
        live = self.stdout.isatty()

        def progress(done):
            rate = done / max(time.monotonic() - started, 1e-6)
            line = f"{done} comments, {rate:.0f}/s"
            if live:
                self.stdout.write(f"\r{line}", ending="")
                self.stdout.flush()
            else:
                self.stdout.write(line)

        def stage(name):
            if live:
                self.stdout.write("")
            self.stdout.write(f"{name}…")

        written = demo_comments_bulk(total=total, batch_size=batch_size, on_batch=progress, on_stage=stage)
        elapsed = time.monotonic() - started
        if live and written:
            self.stdout.write("")
        if written:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Wrote {written} comments in {elapsed:.1f} s ({written / max(elapsed, 1e-6):.0f}/s), "
                    "comment counts recounted."
                )
            )
        else:
            self.stdout.write(f"There are already {total} comments or more (or no published story); added none.")

    def bulk(self, editions, total, image_width, batch_size, days):
        shares = [total // len(editions) + (1 if i < total % len(editions) else 0) for i in range(len(editions))]
        started, written = time.monotonic(), 0
        # A terminal gets one line rewritten in place; a log gets a line now and then.
        live = self.stdout.isatty()
        report_every = max(batch_size, total // 20)
        last_report = 0

        for edition, share in zip(editions, shares, strict=True):
            if not share:
                continue
            already = written

            def progress(done, already=already):
                nonlocal last_report
                count = already + done
                rate = count / max(time.monotonic() - started, 1e-6)
                line = f"{count}/{total} stories, {rate:.0f}/s"
                if live:
                    self.stdout.write(f"\r{line}", ending="")
                    self.stdout.flush()
                elif count - last_report >= report_every or count == total:
                    last_report = count
                    self.stdout.write(line)

            written += demo_stories_bulk(
                edition=edition,
                count=share,
                image_width=image_width,
                batch_size=batch_size,
                days=days,
                on_batch=progress,
            )
        elapsed = time.monotonic() - started
        if live:
            self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {written} stories in {elapsed:.1f} s ({written / max(elapsed, 1e-6):.0f}/s).")
        )
