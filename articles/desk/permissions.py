"""The editorial groups and what each may do in the admin.

Entries are "app_label.codename"; a codename may end in "*" to cover every
model of the app, including models added later ("comments.view_*").
`sync_editorial_groups` grants what exists now and skips the rest; it runs from
the data migration and again after every `migrate` (post_migrate), so a new
model's permissions reach the groups without another data migration.
Neither group gets anything from `auth`: managing accounts stays with superusers.
"""

from fnmatch import fnmatchcase

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, router

CRUD = ("add", "change", "delete", "view")

# What editors write. Other articles models (readers' votes, view counts) are
# kept by services, so editors may look at them but not edit them by hand.
EDITORIAL_MODELS = (
    "article",
    "section",
    "author",
    "photo",
    "relatedlink",
    "correction",
    "storynote",
    "liveblog",
    "liveentry",
)

EDITORIAL_GROUPS = {
    "Editors": [
        *(f"articles.{action}_{model}" for model in EDITORIAL_MODELS for action in CRUD),
        "articles.view_*",
        # The workflow's moves beyond writing (articles/desk/workflow.py).
        "articles.approve_article",
        "articles.publish_article",
        "articles.withdraw_article",
        *(f"taggit.{action}_tag" for action in CRUD),
        # Editors read the discussion under their stories, without who wrote it (e-mail, address hash).
        "comments.view_comment",
        # Editors fix the typos readers report, so they close the reports too.
        "comments.view_typoreport",
        "comments.change_typoreport",
    ],
    # Reporters write drafts and send them for editing; they never approve, publish or withdraw.
    "Reporters": [
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.view_section",
        "articles.view_author",
        "articles.add_photo",
        "articles.change_photo",
        "articles.view_photo",
        "articles.add_relatedlink",
        "articles.change_relatedlink",
        "articles.delete_relatedlink",
        "articles.view_relatedlink",
        "articles.add_storynote",
        "articles.view_storynote",
        "taggit.add_tag",
        "taggit.view_tag",
    ],
    "Moderators": [
        "articles.view_article",
        # Their own moderation is in the audit log too.
        "articles.view_auditentry",
        # Moderate what readers wrote: never write a comment in a reader's name (no add).
        "comments.view_comment",
        "comments.change_comment",
        "comments.delete_comment",
        "comments.view_commenter_identity",
        "comments.view_commentreport",
        "comments.change_commentreport",
        "comments.delete_commentreport",
        *(f"comments.{action}_wordrule" for action in CRUD),
        # They may close a typo report they come across; the reports are the editors' to keep.
        "comments.view_typoreport",
        "comments.change_typoreport",
    ],
}

# Never granted by the patterns above: partners' API keys are the administrators' alone.
EXCLUDED = {
    "Editors": ["articles.*_apikey"],
}

# Granted by earlier versions of the groups and withdrawn since: a data migration takes them back
# (the post_migrate sync only ever grants).
WITHDRAWN = {
    "Editors": [
        "comments.view_commentreport",
        "comments.view_wordrule",
    ],
    "Moderators": [
        "comments.add_comment",
        "comments.add_commentreport",
        "comments.add_typoreport",
        "comments.delete_typoreport",
    ],
}


def withdraw_permissions(apps, schema_editor):
    """Data migration step: remove WITHDRAWN from the groups (what an administrator added stays)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, withdrawn in WITHDRAWN.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for entry in withdrawn:
            app_label, codename = entry.split(".")
            group.permissions.remove(*Permission.objects.filter(content_type__app_label=app_label, codename=codename))


def sync_editorial_groups(*, apps=global_apps, using=DEFAULT_DB_ALIAS, app_labels=None):
    """Create the groups and grant them the listed permissions that exist (never revokes).

    Grants only: permissions an administrator added to a group by hand survive
    a deploy. `app_labels` limits the work to the permissions of those apps.
    """
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:  # auth is not (yet) in this migration state
        return
    if not router.allow_migrate_model(using, Group):
        return

    permissions = Permission.objects.using(using).values_list("pk", "content_type__app_label", "codename")
    if app_labels is not None:
        permissions = permissions.filter(content_type__app_label__in=app_labels)
    permissions = list(permissions)

    for name, patterns in EDITORIAL_GROUPS.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        excluded = EXCLUDED.get(name, [])
        wanted = [
            pk
            for pk, app_label, codename in permissions
            if _granted(patterns, app_label, codename) and not _granted(excluded, app_label, codename)
        ]
        if wanted:
            group.permissions.add(*wanted)


def _granted(patterns, app_label, codename):
    return any(fnmatchcase(f"{app_label}.{codename}", pattern) for pattern in patterns)


def grant_after_migrate(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """post_migrate receiver: auth has just created `sender`'s permissions, hand them out.

    Connected after auth's own receiver (articles comes later in INSTALLED_APPS),
    so the permissions exist by the time this runs for the same app.
    """
    sync_editorial_groups(apps=apps, using=using, app_labels={sender.label})
