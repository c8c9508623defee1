"""What a story's version keeps beside django-reversion's serialized fields (articles/desk/versions.py).

Imported by articles.models so that the model belongs to the app; it names no other articles model,
which keeps that import free of cycles.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from reversion.models import Revision


class StoryVersionNote(models.Model):
    """Tag names (taggit's through model is not one reversion can follow) and, for a restore, what it
    brought back."""

    revision = models.OneToOneField(Revision, on_delete=models.CASCADE, related_name="story_note")
    # {story id: [tag names]}: the list's actions record several stories in one revision.
    tags = models.JSONField(_("tags"), default=dict, blank=True)
    restored_from = models.ForeignKey(
        Revision, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("restored from")
    )

    class Meta:
        app_label = "articles"
        # Read and written only through the versions pages, which go by the story's permissions.
        default_permissions = ()
        verbose_name = _("story version note")
        verbose_name_plural = _("story version notes")

    def __str__(self):
        return f"{self.revision_id}"
