"""Jobs run by `manage.py run_huey` (huey's consumer, which finds this module by its name)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from newsportal import pagecache

from .discovery.rankings import rankings_refresh
from .discovery.viewcounts import article_views_flush
from .wire.tasks import wire_ingest_all  # noqa: F401 (huey finds jobs in this module only)


@db_periodic_task(crontab(minute="*"))
@lock_task("rankings-refresh")
def rankings_refresh_job():
    """Every minute: move the view counts to the database, then recompute the ranked lists from them."""
    article_views_flush()
    rankings_refresh()
    # The home pages show these lists: their cached copies are refused from now on. (A page that
    # recomputes stale lists itself needs no bump: it renders the new lists.)
    pagecache.home_lists_changed()
