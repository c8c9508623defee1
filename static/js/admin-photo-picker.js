// The story form's photo picker: each library photo is offered, and shown once chosen, as a small
// thumbnail beside its caption. The server adds the thumbnail's address to its answers ("thumbnail") and to
// the chosen photo's option (data-thumbnail); without this script the picker shows captions alone.
"use strict";
{
  const $ = window.django && window.django.jQuery;

  const withThumbnail = (item) => {
    const url = item.thumbnail || (item.element && item.element.dataset.thumbnail);
    if (!item.id || !url) return item.text;
    const row = document.createElement("span");
    row.className = "photo-picker-choice";
    const picture = document.createElement("img");
    picture.className = "photo-picker-thumbnail";
    picture.src = url;
    picture.alt = ""; // the caption beside it says what the photo is
    picture.loading = "lazy";
    const text = document.createElement("span");
    text.textContent = item.text;
    row.append(picture, text);
    return $(row);
  };

  const photoPicker = (element) => {
    const $element = $(element);
    if ($element.data("select2")) $element.select2("destroy");
    // The admin's own settings (autocomplete.js), with the two templates added.
    $element.select2({
      ajax: {
        data: (params) => ({
          term: params.term,
          page: params.page,
          app_label: element.dataset.appLabel,
          model_name: element.dataset.modelName,
          field_name: element.dataset.fieldName,
        }),
      },
      templateResult: withThumbnail,
      templateSelection: withThumbnail,
    });
  };

  if ($ && $.fn.select2) {
    // After the admin's autocomplete.js has set the pickers up (its ready handler runs first).
    $(() => {
      document.querySelectorAll("select[data-photo-picker]").forEach(photoPicker);
    });
  }
}
