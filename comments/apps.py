from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Reader feedback")

    def ready(self):
        from articles import services as story_services
        from articles.discovery import rankings
        from articles.models import Ranking

        from .rankings import most_discussed
        from .typos.services import typo_reports_resolve

        rankings.ranking_register(kind=Ranking.Kind.MOST_DISCUSSED, count=most_discussed)

        # An editor's change to a story may remove reported typos: their reports close as fixed.
        story_services.after_story_edit(key="comments.typo_reports_resolve", run=typo_reports_resolve)
