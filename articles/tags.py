"""Tags whose name has nothing a slug can keep ("!!!", "…") still get an address."""

import hashlib

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.apps import TaggitAppConfig


class TagsConfig(TaggitAppConfig):
    """taggit under a name the desk reads (INSTALLED_APPS): the admin index would show "TAGGIT", untranslated."""

    verbose_name = _("Story tags")


def fallback_tag_slug(name):
    """A stable slug for a tag whose name slugifies to nothing: "tag-" and a digest of the name."""
    return "tag-" + hashlib.sha256(name.casefold().encode()).hexdigest()[:10]


def usable_slug(slug):
    """Whether a tag slug makes a working address (taggit leaves "" or "_1" for punctuation-only names)."""
    return bool(slugify(slug, allow_unicode=True).strip("-_"))


def give_tag_a_slug(sender, instance, **kwargs):
    """pre_save receiver for taggit's Tag: replace a slug that cannot make an address."""
    if not usable_slug(instance.slug or ""):
        instance.slug = fallback_tag_slug(instance.name)
