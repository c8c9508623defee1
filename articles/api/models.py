"""Partners' API keys: shown once when created, stored only as a hash, scoped to editions."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEY_PREFIX = "np_"


def hash_key(raw: str) -> str:
    # The keys are 256 random bits: a plain digest is enough; no salt or slow hash is needed.
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiKeyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiKey(models.Model):
    name = models.CharField(_("name"), max_length=120, help_text=_("Who uses the key, e.g. “Partner daily, web desk”."))
    prefix = models.CharField(
        _("key begins with"), max_length=16, editable=False, help_text=_("Enough of the key to recognise it.")
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    editions = models.JSONField(
        _("editions"), default=list, help_text=_("The editions whose stories this key may read.")
    )
    requests_per_minute = models.PositiveIntegerField(
        _("requests per minute"), default=600, help_text=_("Requests beyond this within a minute are refused (429).")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(
        _("revoked"), null=True, blank=True, help_text=_("A revoked key is refused from that moment on.")
    )

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["name", "id"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, *, name, editions=None, requests_per_minute=600):
        """Create a key; returns (key, raw). The raw key exists only in this return value."""
        key = cls(
            name=name,
            editions=list(editions or [code for code, _name in settings.LANGUAGES]),
            requests_per_minute=requests_per_minute,
        )
        raw = key.set_new_key()
        key.save()
        return key, raw

    def set_new_key(self):
        """Give the (unsaved) key a new random value; returns the raw key, which is not kept."""
        raw = KEY_PREFIX + secrets.token_urlsafe(32)
        self.prefix = raw[:10]
        self.key_hash = hash_key(raw)
        return raw

    @property
    def is_active(self):
        return self.revoked_at is None

    def revoke(self):
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])


class DeletedStory(models.Model):
    """A story partners may have copied and that was deleted: the changes feed tells them to drop it."""

    story_id = models.PositiveBigIntegerField(unique=True)
    edition = models.CharField(max_length=5)
    deleted_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("deleted story")
        verbose_name_plural = _("deleted stories")
        ordering = ["deleted_at", "story_id"]

    def __str__(self):
        return f"{self.story_id} ({self.deleted_at:%Y-%m-%d %H:%M})"
