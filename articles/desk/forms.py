"""Admin forms: stories with editor-friendly tags, photo uploads checked before they are kept."""

import warnings

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError
from taggit.models import Tag
from taggit.utils import parse_tags

from ..breaking.forms import BreakingFormMixin
from ..models import Article, Photo, RelatedLink
from ..services import article_translations_check, article_translations_link, article_translations_unlink

# Stored files are named after what they contain, not what the upload claimed.
EXTENSION_FOR_FORMAT = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def megapixels():
    return f"{settings.PHOTO_MAX_PIXELS / 1_000_000:g}"


class TranslationAutocomplete(AutocompleteSelect):
    """Offers only stories of another edition than the edited story's (ArticleAdmin.get_search_results).

    The admin's autocomplete endpoint serves the targets of a model relation; a related link's target is
    one to any story, which is what is picked here. The admin's script adds its own parameters to this
    URL's query string.
    """

    def __init__(self, admin_site, *, edition=None, **kwargs):
        super().__init__(RelatedLink._meta.get_field("target"), admin_site, **kwargs)
        self.edition = edition

    def get_url(self):
        url = super().get_url()
        return f"{url}?{TRANSLATION_OF}={self.edition}" if self.edition else url


# The autocomplete request's parameter naming the edition of the story a translation is sought for.
TRANSLATION_OF = "translation_of"


class SectionSelect(forms.Select):
    """Every edition's sections, each option marked with its edition: the story form's script offers
    only the chosen edition's (a short list, picked in one go); without the script all are offered,
    and a section of another edition is refused on save."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-edition"] = instance.edition
        return option


class ArticleAdminForm(BreakingFormMixin, forms.ModelForm):
    """A story; tags are picked from the existing ones (autocomplete) or typed in as new ones; a new
    photo is uploaded on the form itself, with what readers who cannot see it are told."""

    existing_tags = forms.ModelMultipleChoiceField(
        label=capfirst(_("tags")),
        queryset=Tag.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple(Article._meta.get_field("tags"), admin.site),
        help_text=_("Start typing to pick tags readers already know."),
    )
    new_tags = forms.CharField(
        label=capfirst(_("new tags")),
        required=False,
        max_length=500,
        help_text=_("Tags that do not exist yet, separated by commas, e.g. “budget, State Duma”."),
    )

    photo_file = forms.ImageField(
        label=_("Upload a photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    photo_alt_text = forms.CharField(
        label=capfirst(Photo._meta.get_field("alt_text").verbose_name),
        required=False,
        max_length=Photo._meta.get_field("alt_text").max_length,
        help_text=Photo._meta.get_field("alt_text").help_text,
    )
    photo_caption = forms.CharField(
        label=capfirst(Photo._meta.get_field("caption").verbose_name),
        required=False,
        max_length=Photo._meta.get_field("caption").max_length,
    )
    photo_credit = forms.CharField(
        label=capfirst(Photo._meta.get_field("credit").verbose_name),
        required=False,
        max_length=Photo._meta.get_field("credit").max_length,
        help_text=Photo._meta.get_field("credit").help_text,
    )

    class Meta:
        model = Article
        widgets = {"section": SectionSelect}
        # Tags come from existing_tags and new_tags; taggit's own field is not autocomplete-friendly.
        fields = [
            "edition",
            "section",
            "title",
            "slug",
            "lead",
            "body",
            "status",
            "published_at",
            "is_featured",
            "is_pinned",
            "authors",
            "source_name",
            "source_url",
            "image",
            "urgency",
            "follows",
        ]

    translation_of = forms.ModelChoiceField(
        label=capfirst(_("translation of")),
        queryset=Article.objects.all(),
        required=False,
        widget=TranslationAutocomplete(admin.site),
        help_text=_(
            "The same story in another edition. Readers switching editions land on each version once it is "
            "live; clear the field to unlink this story from the others."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.new_photo = None
        if "photo_file" in self.fields:
            # The photo library's own checks (bytes, pixels, width, a picture that decodes).
            self.fields["photo_file"] = PhotoUploadField(
                label=self.fields["photo_file"].label,
                required=False,
                widget=self.fields["photo_file"].widget,
                help_text=photo_upload_help(),
            )
        if self.instance.pk and "existing_tags" in self.fields:
            self.fields["existing_tags"].initial = list(self.instance.tags.all())
        if self.instance.pk and "translation_of" in self.fields:
            versions = self.instance.other_versions()
            self.fields["translation_of"].initial = versions[0].pk if versions else None
            self.fields["translation_of"].widget.edition = self.instance.edition

    def clean(self):
        cleaned_data = super().clean()
        self._clean_new_photo(cleaned_data)
        translation_of = cleaned_data.get("translation_of")
        if translation_of and "translation_of" in self.changed_data and cleaned_data.get("edition"):
            story = Article(pk=self.instance.pk, edition=cleaned_data["edition"])
            try:
                article_translations_check(story=story, translation_of=translation_of)
            except ValidationError as error:
                self.add_error("translation_of", error)
        return cleaned_data

    def _clean_new_photo(self, cleaned_data):
        upload = cleaned_data.get("photo_file")
        if not upload:
            return
        if cleaned_data.get("image"):
            self.add_error("photo_file", _("Pick a photo from the library or upload a new one, not both."))
            return
        alt_text = cleaned_data.get("photo_alt_text", "").strip()
        if not alt_text:
            self.add_error("photo_alt_text", _("Say what the picture shows, for readers who cannot see it."))
            return
        self.new_photo = Photo(
            image=upload,
            alt_text=alt_text,
            caption=cleaned_data.get("photo_caption", "").strip(),
            credit=cleaned_data.get("photo_credit", "").strip(),
            original_filename=getattr(upload, "original_name", upload.name)[-255:],
        )

    def attach_new_photo(self, article):
        """Store the photo uploaded with the story (if any) in the library and make it the story's image."""
        if self.new_photo is not None:
            self.new_photo.save()
            article.image = self.new_photo

    def clean_new_tags(self):
        names = parse_tags(self.cleaned_data["new_tags"])
        limit = Tag._meta.get_field("name").max_length
        too_long = [name for name in names if len(name) > limit]
        if too_long:
            raise ValidationError(
                _("A tag can be at most %(limit)d characters long: %(tags)s"),
                code="tag_too_long",
                params={"limit": limit, "tags": ", ".join(too_long)},
            )
        return names

    def chosen_tags(self):
        """Tag objects and new names together; taggit matches names to existing tags (case-insensitively)."""
        return [*self.cleaned_data.get("existing_tags", []), *self.cleaned_data.get("new_tags", [])]

    def _save_m2m(self):
        super()._save_m2m()
        if "existing_tags" in self.fields:
            self.instance.tags.set(self.chosen_tags())
        if "translation_of" in self.changed_data:
            if self.cleaned_data["translation_of"]:
                article_translations_link(story=self.instance, translation_of=self.cleaned_data["translation_of"])
            else:
                article_translations_unlink(story=self.instance)


class PhotoUploadField(forms.ImageField):
    """An image checked cheapest first: bytes, then the header (format, pixels, width), then the content.

    Pillow reads only the header on open, so an oversized picture is refused
    before anything is decoded.
    """

    default_error_messages = {
        "too_big": _("The file is %(size)s; the limit is %(limit)s."),
        "not_image": _("This file is not a picture (JPEG, PNG or WebP)."),
        "format": _("%(format)s pictures are not accepted; upload JPEG, PNG or WebP."),
        "too_many_pixels": _(
            "The picture is %(width)d×%(height)d pixels; the limit is %(megapixels)s megapixels. Make it smaller."
        ),
        "far_too_many_pixels": _("The picture has far more than %(megapixels)s megapixels. Make it smaller."),
        "too_narrow": _("The picture is %(width)d pixels wide; it must be at least %(min_width)d pixels wide."),
        "damaged": _("The picture is damaged or incomplete and cannot be read."),
    }

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        if upload.size > settings.PHOTO_MAX_BYTES:
            raise ValidationError(
                self.error_messages["too_big"],
                code="too_big",
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(settings.PHOTO_MAX_BYTES)},
            )
        image_format = self._check_header(upload)
        self._check_content(upload)
        upload.seek(0)
        extension = EXTENSION_FOR_FORMAT.get(image_format, image_format.lower())
        upload.original_name = upload.name
        upload.name = f"upload.{extension}"  # the storage name is made by Photo's upload_to
        upload.content_type = Image.MIME[image_format]
        return upload

    def _check_header(self, upload):
        upload.seek(0)
        try:
            with warnings.catch_warnings():
                # Our own, lower limit is checked from the header below, with the numbers.
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                image = Image.open(upload)
        except Image.DecompressionBombError:
            raise ValidationError(
                self.error_messages["far_too_many_pixels"],
                code="too_many_pixels",
                params={"megapixels": megapixels()},
            ) from None
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
            raise ValidationError(self.error_messages["not_image"], code="not_image") from None
        with image:
            width, height = image.size
            if image.format not in settings.PHOTO_FORMATS:
                raise ValidationError(self.error_messages["format"], code="format", params={"format": image.format})
            if width * height > settings.PHOTO_MAX_PIXELS:
                raise ValidationError(
                    self.error_messages["too_many_pixels"],
                    code="too_many_pixels",
                    params={
                        "width": width,
                        "height": height,
                        "megapixels": megapixels(),
                    },
                )
            if width < settings.PHOTO_MIN_WIDTH:
                raise ValidationError(
                    self.error_messages["too_narrow"],
                    code="too_narrow",
                    params={"width": width, "min_width": settings.PHOTO_MIN_WIDTH},
                )
            return image.format

    def _check_content(self, upload):
        # verify() checks the structure; load() decodes it, as the renditions
        # will, so a truncated file is refused here rather than failing later.
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                upload.seek(0)
                with Image.open(upload) as image:
                    image.verify()
                upload.seek(0)
                with Image.open(upload) as image:
                    # A JPEG decodes at 1/8 scale, which reads every block yet costs a fraction of the time.
                    if image.format == "JPEG":
                        image.draft(None, (max(1, image.width // 8), max(1, image.height // 8)))
                    image.load()
        except Exception:  # Pillow raises many kinds for broken data
            raise ValidationError(self.error_messages["damaged"], code="damaged") from None


class PhotoAdminForm(forms.ModelForm):
    image = PhotoUploadField(
        label=_("image"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    class Meta:
        model = Photo
        fields = ["image", "alt_text", "caption", "credit"]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("image")
        if "image" in self.changed_data and upload is not None:
            self.instance.original_filename = getattr(upload, "original_name", upload.name)[-255:]
        return cleaned

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].help_text = photo_upload_help()


def photo_upload_help():
    return _(
        "JPEG, PNG or WebP, at least %(min_width)d pixels wide, up to %(limit)s and %(megapixels)s megapixels."
    ) % {
        "min_width": settings.PHOTO_MIN_WIDTH,
        "limit": filesizeformat(settings.PHOTO_MAX_BYTES),
        "megapixels": megapixels(),
    }
