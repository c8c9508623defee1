"""The wire ingest as a periodic job of the task runner (huey). Imported from articles/tasks.py,
which djhuey discovers; `manage.py ingest` does the same by hand or from cron."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from .models import WireSource
from .services import wire_ingest


@db_periodic_task(crontab(minute="*/5"))
@lock_task("wire-ingest")
def wire_ingest_all():
    """Every active source, every five minutes; a run still going when the next is due makes it skip."""
    for source in WireSource.objects.filter(is_active=True):
        wire_ingest(source=source)
