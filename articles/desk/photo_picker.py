"""The story form's photo picker shows each library photo as a small thumbnail beside its caption.

The admin's autocomplete answers with an id and a text only; the photo library's own endpoint adds the
address of the photo's smallest resized copy, and the picker's widget puts the same address on the chosen
photo's option. static/js/admin-photo-picker.js draws both (select2's templateResult/templateSelection);
without it the picker works as before, with captions alone.
"""

from django import forms
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect
from django.urls import path, reverse

from ..models import Photo


def thumbnail_url(photo):
    """The smallest resized copy (names stored on save: no storage or imagekit call per photo)."""
    renditions = photo.renditions() if photo.image else []
    return min(renditions, key=lambda rendition: rendition[1])[0] if renditions else ""


class PhotoAutocompleteJsonView(AutocompleteJsonView):
    def serialize_result(self, obj, to_field_name):
        return {**super().serialize_result(obj, to_field_name), "thumbnail": thumbnail_url(obj)}


class PhotoPickerSelect(AutocompleteSelect):
    """The admin's autocomplete select, asking the photo library's endpoint; the chosen photo's option
    carries its thumbnail."""

    def build_attrs(self, base_attrs, extra_attrs=None):
        return {**super().build_attrs(base_attrs, extra_attrs), "data-photo-picker": ""}

    def get_url(self):
        return reverse(f"{self.admin_site.name}:articles_photo_autocomplete")

    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        chosen = [option["value"] for option in groups[0][1] if option["value"] not in ("", None)]
        if chosen:
            thumbnails = {photo.pk: thumbnail_url(photo) for photo in Photo.objects.filter(pk__in=chosen)}
            for option in groups[0][1]:
                url = thumbnails.get(option["value"])
                if url:
                    option["attrs"]["data-thumbnail"] = url
        return groups

    @property
    def media(self):
        # Listed after the admin's own two so that the merged media keeps it after them.
        picker = forms.Media(
            js=["admin/js/jquery.init.js", "admin/js/autocomplete.js", "js/admin-photo-picker.js"],
            css={"all": ["css/admin-photo-picker.css"]},
        )
        return super().media + picker


class PhotoAutocompleteAdminMixin:
    """For PhotoAdmin: the library's autocomplete endpoint with thumbnails."""

    def get_urls(self):
        view = self.admin_site.admin_view(PhotoAutocompleteJsonView.as_view(admin_site=self.admin_site))
        return [path("autocomplete/", view, name="articles_photo_autocomplete"), *super().get_urls()]


class PhotoPickerAdminMixin:
    """For ArticleAdmin: the story's photo is picked with thumbnails."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "image" and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PhotoPickerSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
