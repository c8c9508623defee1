from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from articles.wire.models import WireSource
from articles.wire.services import wire_ingest


class Command(BaseCommand):
    help = "Fetch wire copy: every active source, or the ones named (by name or id). Items arrive as drafts."

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="*", help="Source names or ids; all active sources when left out.")

    def handle(self, *args, sources, **options):
        if sources:
            ids = [int(s) for s in sources if s.isdigit()]
            chosen = list(WireSource.objects.filter(Q(name__in=sources) | Q(pk__in=ids)))
            if not chosen:
                raise CommandError(f"No wire source named {', '.join(sources)}.")
        else:
            chosen = list(WireSource.objects.filter(is_active=True))
        for source in chosen:
            run = wire_ingest(source=source)
            self.stdout.write(
                f"{source}: {run.new} new, {run.updated} updated, {run.skipped} skipped, "
                f"{run.killed} killed, {run.failed} failed"
            )
            for error in run.errors:
                self.stdout.write(f"  {error}")
