from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.desk import charts, waiting
from articles.desk.audit import Action, audit_record, audit_record_many

from . import services
from .models import Comment, CommentReport, WordRule

waiting.register(
    key="comments.waiting",
    label=_("Comments to moderate"),
    permission="comments.change_comment",
    # Two counts, each answered by an index alone (comment_queue, comment_reported); waiting()'s OR
    # would read the rows themselves, most of a second at a million comments.
    count=lambda: Comment.objects.pending().count() + Comment.objects.reported().count(),
    url=lambda: reverse("admin:comments_comment_changelist") + "?queue=waiting",
)


class QueueFilter(admin.SimpleListFilter):
    title = _("queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("waiting", _("Waiting: pending or reported")),
            ("pending", _("Awaiting moderation")),
            ("reported", _("Reported by readers")),
            ("hidden", _("Hidden by reports")),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "waiting":
                return queryset.waiting()
            case "pending":
                return queryset.pending()
            case "reported":
                return queryset.reported()
            case "hidden":
                return queryset.filter(is_hidden=True, status=Comment.Status.APPROVED)
        return queryset


class CommenterFilter(admin.SimpleListFilter):
    """One commenter's history: by account, e-mail or address hash (the "history" link of each comment)."""

    title = _("commenter")
    parameter_name = "commenter"
    KINDS = {"user": "user_id", "email": "author_email__iexact", "ip": "ip_hash"}

    def lookups(self, request, model_admin):
        # Only the commenter being looked at: listing every commenter would be useless and slow.
        value = self.value()
        return [(value, _("This commenter"))] if self._lookup(value) else []

    def _lookup(self, value):
        kind, _sep, key = (value or "").partition(":")
        if kind in self.KINDS and key and (kind != "user" or (key.isascii() and key.isdigit())):
            return {self.KINDS[kind]: key}
        return None

    def queryset(self, request, queryset):
        lookup = self._lookup(self.value())
        return queryset.filter(**lookup) if lookup else queryset


class CommentReportInline(admin.TabularInline):
    model = CommentReport
    extra = 0
    can_delete = False
    fields = ["created_at", "reporter", "is_resolved"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "excerpt",
        "author",
        "story",
        "status",
        "why_held",
        "open_reports",
        "is_pick",
        "created_at",
    ]
    list_filter = [
        QueueFilter,
        "status",
        CommenterFilter,
        "is_pick",
        ("created_at", admin.DateFieldListFilter),
        ("article", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["text", "author_name", "author_email"]
    date_hierarchy = "created_at"
    list_select_related = ["article__section", "parent"]
    list_per_page = 50
    raw_id_fields = ["article", "parent", "user"]
    fields = [
        "article",
        "parent",
        "status",
        "is_pick",
        "author_name",
        "author_email",
        "user",
        "text",
        "why_held",
        "is_hidden",
        "open_reports",
        "created_at",
        "moderated_at",
        "moderated_by",
        "ip_hash",
    ]
    readonly_fields = ["why_held", "open_reports", "created_at", "moderated_at", "moderated_by", "ip_hash"]
    inlines = [CommentReportInline]
    actions = ["approve", "reject", "mark_spam", "mark_pick", "unmark_pick", "remove_by_commenters"]

    # Who wrote a comment, beyond the name shown to readers: for those who moderate (Moderators).
    IDENTITY_FIELDS = ("author_email", "ip_hash")

    def sees_identity(self, request):
        return request.user.has_perm("comments.view_commenter_identity")

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return fields if self.sees_identity(request) else [f for f in fields if f not in self.IDENTITY_FIELDS]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            # A comment stays where and by whom it was written: moderation changes its fate, not its author.
            readonly += ["article", "parent", "user", "author_email"]
        return readonly

    def get_search_fields(self, request):
        fields = super().get_search_fields(request)
        return fields if self.sees_identity(request) else [f for f in fields if f not in self.IDENTITY_FIELDS]

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        return filters if self.sees_identity(request) else [f for f in filters if f is not CommenterFilter]

    def get_list_display(self, request):
        display = super().get_list_display(request)
        # The "all their comments" link carries the commenter's e-mail or address hash.
        return display if self.sees_identity(request) else ["author_name" if f == "author" else f for f in display]

    @admin.display(description=_("why held"), ordering="held_reason")
    def why_held(self, comment):
        return services.held_reason_display(comment.held_reason) or "-"

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        return Truncator(comment.text).chars(90)

    @admin.display(description=_("author"), ordering="author_name")
    def author(self, comment):
        history = reverse("admin:comments_comment_changelist") + f"?commenter={comment.commenter_filter}"
        return format_html('{}<br><a href="{}">{}</a>', comment.author_name, history, _("all their comments"))

    @admin.display(description=_("story"), ordering="article__published_at")
    def story(self, comment):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            comment.get_absolute_url(),
            Truncator(comment.article.title).chars(60),
        )

    def save_model(self, request, obj, form, change):
        services.comment_save(comment=obj, moderator=request.user)
        if change and form.changed_data:
            audit_record(actor=request.user, action=Action.COMMENT_EDIT, obj=obj, detail=", ".join(form.changed_data))

    def delete_model(self, request, obj):
        audit_record(actor=request.user, action=Action.COMMENT_DELETE, obj=obj)
        services.comments_delete(comments=[obj])

    def delete_queryset(self, request, queryset):
        comments = list(queryset)
        audit_record_many(actor=request.user, action=Action.COMMENT_DELETE, objects=comments)
        services.comments_delete(comments=comments)

    @admin.action(description=_("Approve: show to readers"), permissions=["change"])
    def approve(self, request, queryset):
        comments = list(queryset)
        count = services.comments_approve(comments=comments, moderator=request.user)
        audit_record_many(actor=request.user, action=Action.COMMENT_APPROVE, objects=comments)
        self.message_user(
            request, ngettext("%(count)d comment approved.", "%(count)d comments approved.", count) % {"count": count}
        )

    @admin.action(description=_("Reject"), permissions=["change"])
    def reject(self, request, queryset):
        comments = list(queryset)
        count = services.comments_reject(comments=comments, moderator=request.user)
        audit_record_many(actor=request.user, action=Action.COMMENT_REJECT, objects=comments)
        self.message_user(
            request, ngettext("%(count)d comment rejected.", "%(count)d comments rejected.", count) % {"count": count}
        )

    @admin.action(description=_("Mark as spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        comments = list(queryset)
        count = services.comments_mark_spam(comments=comments, moderator=request.user)
        audit_record_many(actor=request.user, action=Action.COMMENT_SPAM, objects=comments)
        self.message_user(
            request,
            ngettext("%(count)d comment marked as spam.", "%(count)d comments marked as spam.", count)
            % {"count": count},
        )

    @admin.action(description=_("Make editor's pick"), permissions=["change"])
    def mark_pick(self, request, queryset):
        comments = list(queryset)
        count = services.comments_mark_pick(comments=comments, is_pick=True)
        audit_record_many(actor=request.user, action=Action.COMMENT_PICK, objects=comments)
        self.message_user(
            request,
            ngettext("%(count)d comment is now an editor's pick.", "%(count)d comments are now editor's picks.", count)
            % {"count": count},
        )

    @admin.action(description=_("Remove editor's pick"), permissions=["change"])
    def unmark_pick(self, request, queryset):
        comments = list(queryset)
        count = services.comments_mark_pick(comments=comments, is_pick=False)
        audit_record_many(actor=request.user, action=Action.COMMENT_UNPICK, objects=comments)
        self.message_user(
            request,
            ngettext("%(count)d comment is no longer a pick.", "%(count)d comments are no longer picks.", count)
            % {"count": count},
        )

    @admin.action(description=_("Reject everything these commenters wrote"), permissions=["change"])
    def remove_by_commenters(self, request, queryset):
        comments = list(queryset)
        everything = list(services.comments_by_same_commenters(comments).exclude(status=Comment.Status.REJECTED))
        count = services.comments_remove_by_commenters(comments=comments, moderator=request.user)
        audit_record_many(
            actor=request.user,
            action=Action.COMMENT_REJECT,
            objects=everything,
            detail=_("everything these commenters wrote"),
        )
        self.message_user(
            request, ngettext("%(count)d comment rejected.", "%(count)d comments rejected.", count) % {"count": count}
        )


@admin.register(WordRule)
class WordRuleAdmin(admin.ModelAdmin):
    list_display = ["word", "kind", "created_at"]
    list_editable = ["kind"]
    list_filter = ["kind"]
    search_fields = ["word"]


# The typo reports queue lives in its own module; importing it registers it.
charts.chart_register(
    key="comments.per_day",
    title=_("Comments per day"),
    permission="comments.view_comment",
    points=lambda: charts.daily_points(Comment.objects.posted_per_day(since=charts.period_start())),
)

from .typos import admin as admin_typos  # noqa: E402, F401
