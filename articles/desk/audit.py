"""The audit log: who published, unpublished, withdrew or restored a story, changed an embargo, or
moderated what readers wrote, and when.

Other apps record their actions here (comments: moderation, typo reports); articles imports none of them.
Entries are only ever added: the admin shows them read-only to everyone.
"""

from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry

Action = AuditEntry.Action


def _actor(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return None, ""
    return user, user.get_username()


def audit_record(*, actor, action, obj, detail=""):
    """One entry: `actor` (a user, or None for the system) did `action` to `obj`."""
    return audit_record_many(actor=actor, action=action, objects=[obj], detail=detail)[0]


def audit_record_many(*, actor, action, objects, detail=""):
    """The same action on several objects (an admin action on a selection), in one insert."""
    objects = list(objects)
    if not objects:
        return []
    user, name = _actor(actor)
    types = ContentType.objects.get_for_models(*{type(obj) for obj in objects})
    entries = [
        AuditEntry(
            actor=user,
            actor_name=name,
            action=action,
            content_type=types[type(obj)],
            object_id=str(obj.pk),
            object_repr=str(obj)[:200],
            detail=detail[:300],
        )
        for obj in objects
    ]
    return AuditEntry.objects.bulk_create(entries)
