from django.core.management.base import BaseCommand

from articles.discovery.viewcounts import article_views_flush


class Command(BaseCommand):
    help = (
        "Move the story view counts collected in the cache into the daily views table. "
        "Run it every few minutes (see the README); a run that finds another in progress does nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=2, help="How many day buckets to look at, today first.")
        parser.add_argument("--batch-size", type=int, default=500, help="Stories written per database statement.")

    def handle(self, *args, days, batch_size, **options):
        moved = article_views_flush(days=days, batch_size=batch_size)
        self.stdout.write(f"Moved {moved} views to the database.")
