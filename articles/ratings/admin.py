"""Readers' ratings in the admin: each story's average and votes, and the votes themselves, read-only.

Votes change only through articles.ratings.services.rating_cast, which keeps the stories' totals exact;
an edit by hand would break them, so nobody adds, changes or deletes votes here.
"""

from django.contrib import admin
from django.db.models import FloatField, Value
from django.db.models.functions import Cast, Coalesce, NullIf
from django.template.defaultfilters import floatformat
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsportal.readonly_admin import RecordsAdmin

from ..models import Vote

# Unrated stories sort as 0, below every rated one.
AVERAGE_ORDER = Coalesce(Cast("rating_sum", FloatField()) / NullIf("rating_count", 0), Value(0.0))


class ArticleRatingAdminMixin:
    """For the story admin: the rating columns of the list and the distribution on the change page."""

    @admin.display(description=_("rating"), ordering=AVERAGE_ORDER)
    def rating_average_display(self, article):
        return floatformat(article.rating_average, 1) if article.rating_count else "—"

    @admin.display(description=_("votes"), ordering="rating_count")
    def rating_votes(self, article):
        return article.rating_count

    @admin.display(description=_("readers' ratings"))
    def rating_distribution(self, article):
        if not article.pk or not article.rating_count:
            return _("No votes yet.")
        distribution = article.votes.distribution()
        total = sum(distribution.values())
        rows = format_html_join(
            "",
            '<tr><th scope="row">{}</th><td><meter min="0" max="{}" value="{}"></meter></td><td>{}</td></tr>',
            ((f"{score} ★", total, count, count) for score, count in sorted(distribution.items(), reverse=True)),
        )
        summary = ngettext(
            "Average %(average)s from %(count)s vote.",
            "Average %(average)s from %(count)s votes.",
            article.rating_count,
        ) % {
            "average": floatformat(article.rating_average, 1),
            "count": article.rating_count,
        }
        return format_html(
            '<p>{}</p><table class="rating-distribution"><thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
            '<th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
            summary,
            _("score"),
            _("share"),
            _("votes"),
            rows,
        )


@admin.register(Vote)
class VoteAdmin(RecordsAdmin):
    """Votes as readers cast them, to look at (e.g. a flood on one story), never to edit."""

    list_display = ["article", "score", "reader", "created_at", "updated_at"]
    list_filter = ["score", "created_at"]
    list_select_related = ["article", "user"]
    search_fields = ["article__title"]
    search_help_text = _("Searches story headlines.")
    date_hierarchy = "created_at"
    fields = ["article", "score", "reader", "address", "created_at", "updated_at"]
    readonly_fields = fields

    @admin.display(description=_("reader"))
    def reader(self, vote):
        return vote.user or _("anonymous reader")

    @admin.display(description=_("address (keyed hash)"))
    def address(self, vote):
        # Enough to see that votes came from one place; the address itself is never stored.
        return vote.ip_hash[:12] or "—"
