from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from django_prose_editor.fields import ProseEditorField

from articles.sanitizer import BODY_EDITOR_EXTENSIONS, sanitize_body
from newsportal.editions import edition_choices


class InfoPage(models.Model):
    """A page about the agency itself, in one edition: about us, contacts, terms, privacy."""

    edition = models.CharField(_("edition"), max_length=5, choices=edition_choices)
    slug = models.SlugField(_("slug"), max_length=80, help_text=_("Part of the page's address: /en/info/<slug>/."))
    title = models.CharField(_("title"), max_length=120, help_text=_("Also the link's text in the footer."))
    body = ProseEditorField(_("body"), config={"extensions": BODY_EDITOR_EXTENSIONS}, sanitize=True, blank=True)
    in_footer = models.BooleanField(_("linked from the footer"), default=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Footer links go from the lowest number to the highest.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["edition", "position", "title"]
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")
        constraints = [models.UniqueConstraint(fields=["edition", "slug"], name="infopage_unique_slug_per_edition")]

    def __str__(self):
        return f"{self.title} ({self.edition})"

    def save(self, *args, **kwargs):
        # The editor sanitises what it sends; pages written by code (the demo, a shell) go through the same rule.
        self.body = sanitize_body(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        with override(self.edition):
            return reverse("infopages:page", kwargs={"slug": self.slug})
