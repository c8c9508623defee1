// The story form: the pickers follow the chosen edition at once, and "Readers see" follows the status
// and the publication time as they are typed. Without this script the form works the same; a wrong pick
// is refused on save.
"use strict";
const storyForm = () => {
  const form = document.getElementById("article_form");
  const edition = document.getElementById("id_edition");
  if (form && edition) {
    const section = document.getElementById("id_section");

    // Sections: a plain list whose options carry their edition (SectionSelect).
    const narrowSections = () => {
      if (!section) return;
      for (const option of section.options) {
        const other = option.dataset.edition && option.dataset.edition !== edition.value;
        option.hidden = other;
        option.disabled = other;
        if (other && option.selected) section.value = "";
      }
    };
    edition.addEventListener("change", narrowSections);
    narrowSections();

    // The admin's autocomplete pickers (tags, related stories, the translation) ask the server with
    // the chosen edition; a translation is sought in the other editions.
    if (window.django && window.django.jQuery) {
      window.django.jQuery.ajaxPrefilter((options) => {
        if (!edition.value || !/\/autocomplete\//.test(options.url)) return;
        const url = new URL(options.url, window.location.href);
        if (url.searchParams.has("translation_of")) {
          url.searchParams.set("translation_of", edition.value);
        } else {
          url.searchParams.set("edition", edition.value);
        }
        options.url = url.pathname + url.search;
      });
    }

    // "Readers see": the server's texts, chosen here from the fields as they are.
    const note = form.querySelector(".story-state-note");
    const status = document.getElementById("id_status");
    const day = document.getElementById("id_published_at_0");
    const time = document.getElementById("id_published_at_1");
    const moment = () => {
      // The admin's date field takes the locale's order; both ours are day-month-year or year-month-day.
      const d = (day && day.value.trim()) || "";
      const t = ((time && time.value.trim()) || "00:00").split(":").map(Number);
      let parts = d.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
      let y, m, dd;
      if (parts) {
        [y, m, dd] = [parts[1], parts[2], parts[3]].map(Number);
      } else if ((parts = d.match(/^(\d{1,2})[./](\d{1,2})[./](\d{4})$/))) {
        [dd, m, y] = [parts[1], parts[2], parts[3]].map(Number);
      } else {
        return null;
      }
      const offset = Number(note.dataset.offset) || 0;
      return Date.UTC(y, m - 1, dd, t[0] || 0, t[1] || 0, t[2] || 0) - offset * 60000;
    };
    const update = () => {
      if (!note || !status) return;
      if (status.value !== "published") {
        note.textContent = note.dataset[status.value] || note.dataset.draft;
        return;
      }
      const when = moment();
      if (when === null) {
        note.textContent = (day && day.value.trim()) ? note.dataset.live : note.dataset.now;
      } else if (when > Date.now()) {
        const shown = `${day.value.trim()} ${(time && time.value.trim()) || ""}`.trim();
        note.textContent = note.dataset.scheduled.replace("%(moment)s", shown);
      } else {
        note.textContent = note.dataset.live;
      }
    };
    for (const field of [status, day, time]) {
      if (field) {
        field.addEventListener("input", update);
        field.addEventListener("change", update);
      }
    }
    // The admin's calendar and clock shortcuts ("Today", "Now") set the value without an event.
    form.addEventListener("click", (event) => {
      if (event.target.closest(".datetimeshortcuts")) window.setTimeout(update, 0);
    });
  }
};

// Loaded in the page's head, with the admin's other media.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", storyForm);
} else {
  storyForm();
}
