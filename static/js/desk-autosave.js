// The story form keeps what the editor types in this browser (localStorage, one entry per story and one for
// a new story) until the server says it is saved, and offers it back after a crash, a closed tab or an
// expired session. Before a save it asks the heartbeat whether the session is still there; if not, the
// changes are kept, the login opens, and after it the form is filled again and saved (docs/desk.md).
(function () {
  "use strict";

  const PREFIX = "newsportal:desk:draft:";
  const SKIPPED_TYPES = new Set(["file", "submit", "button", "image", "reset"]);
  const MANAGEMENT = /-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/;
  const editors = new Map(); // body textarea -> its django-prose-editor (Tiptap) editor

  // django-prose-editor announces each editor it creates; restoring the body goes through it.
  document.addEventListener("prose-editor:ready", function (event) {
    editors.set(event.detail.textarea, event.detail.editor);
  });

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null; // storage disabled: the form works as before, without keeping anything
    }
  }

  function readCookie(name) {
    const match = document.cookie.match(new RegExp("(?:^|;\\s*)" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : null;
  }

  function adminRoot() {
    const link = document.querySelector("#site-name a");
    return link ? link.getAttribute("href") : "/admin/";
  }

  // The server set this cookie (SAVED_COOKIE, articles/desk/versions_admin.py) on the answer to a successful
  // save: that story's kept changes are saved.
  function forgetSaved(store) {
    const saved = readCookie("desk_saved");
    if (saved === null) return;
    store.removeItem(PREFIX + saved);
    document.cookie = "desk_saved=; Max-Age=0; path=" + adminRoot() + "; SameSite=Lax";
  }

  function setUp(data, store) {
    const form = data.closest("form");
    const key = PREFIX + data.dataset.story;
    const lockField = data.dataset.lockField;
    const bar = form.querySelector(".desk-autosave");
    const refused = document.querySelector(".errornote") !== null;
    let baseline = null;
    let touched = false;
    let paused = false;
    let confirmed = false;
    let ownCopy = false;

    function kept(element) {
      if (!element.name || element.disabled || SKIPPED_TYPES.has(element.type)) return false;
      if (element.name === "csrfmiddlewaretoken" || MANAGEMENT.test(element.name)) return false;
      if (element.name.indexOf("__prefix__") !== -1) return false;
      return element.type !== "hidden" || element.name === lockField;
    }

    function elements() {
      return Array.prototype.filter.call(form.elements, kept);
    }

    function snapshot() {
      const values = {};
      elements().forEach(function (element) {
        if (element.type === "checkbox") {
          values[element.name] = element.checked;
        } else if (element.type === "radio") {
          if (element.checked) values[element.name] = element.value;
          else if (!(element.name in values)) values[element.name] = null;
        } else if (element.tagName === "SELECT") {
          values[element.name] = Array.prototype.filter
            .call(element.options, function (option) { return option.selected; })
            .map(function (option) { return [option.value, option.text]; });
        } else {
          values[element.name] = element.value;
        }
      });
      return values;
    }

    function apply(values) {
      elements().forEach(function (element) {
        if (!(element.name in values)) return;
        const value = values[element.name];
        if (element.type === "checkbox") {
          element.checked = Boolean(value);
        } else if (element.type === "radio") {
          element.checked = element.value === value;
        } else if (element.tagName === "SELECT") {
          const wanted = new Map(value);
          wanted.forEach(function (text, optionValue) {
            // Autocomplete pickers hold only the chosen options: add the one the draft had.
            const exists = Array.prototype.some.call(element.options, function (option) {
              return option.value === optionValue;
            });
            if (!exists) element.add(new Option(text, optionValue));
          });
          Array.prototype.forEach.call(element.options, function (option) {
            option.selected = wanted.has(option.value);
          });
        } else {
          element.value = value;
          const editor = editors.get(element);
          if (editor) editor.commands.setContent(value || "");
        }
        element.dispatchEvent(new Event("input", { bubbles: true }));
        element.dispatchEvent(new Event("change", { bubbles: true }));
        // The admin's select2 pickers listen through its own jQuery.
        if (element.tagName === "SELECT" && window.django && window.django.jQuery) {
          window.django.jQuery(element).trigger("change.select2");
        }
      });
    }

    function read() {
      try {
        return JSON.parse(store.getItem(key) || "null");
      } catch (error) {
        return null;
      }
    }

    function write(extra) {
      const values = snapshot();
      const serialized = JSON.stringify(values);
      if (!extra && serialized === baseline) {
        // Typed and undone: nothing unsaved. Only this page's own copy goes (another tab may hold one).
        if (ownCopy) store.removeItem(key);
        ownCopy = false;
        return;
      }
      ownCopy = true;
      const draft = Object.assign({ savedAt: Date.now(), values: values }, extra || {});
      try {
        store.setItem(key, JSON.stringify(draft));
      } catch (error) {
        // Storage full: the form still saves normally.
      }
    }

    function keep() {
      if (!paused) write();
    }

    function timeOf(moment) {
      return new Date(moment).toLocaleTimeString(document.documentElement.lang || undefined, {
        hour: "2-digit",
        minute: "2-digit",
        hour12: false,
      });
    }

    function say(text) {
      bar.replaceChildren();
      const message = document.createElement("p");
      message.textContent = text;
      bar.append(message);
      bar.hidden = false;
      return message;
    }

    function offer(draft) {
      paused = true;
      const message = say(data.dataset.textRestore.replace("%(time)s", timeOf(draft.savedAt)));
      const restore = document.createElement("button");
      restore.type = "button";
      restore.className = "button";
      restore.textContent = data.dataset.textRestoreButton;
      const discard = document.createElement("button");
      discard.type = "button";
      discard.className = "button";
      discard.textContent = data.dataset.textDiscardButton;
      message.append(" ", restore, " ", discard);
      restore.addEventListener("click", function () {
        apply(draft.values);
        paused = false;
        baseline = null;
        say(data.dataset.textRestored);
        form.querySelector("#id_title, input:not([type=hidden]), textarea")?.focus();
      });
      discard.addEventListener("click", function () {
        store.removeItem(key);
        paused = false;
        bar.hidden = true;
        bar.replaceChildren();
      });
      restore.focus();
    }

    function resume(draft) {
      // Back from signing in again: the changes go into the form and the save the editor asked for goes on.
      paused = true;
      say(data.dataset.textResuming);
      apply(draft.values);
      write({ savedAt: draft.savedAt });
      const submitter = draft.submitter
        ? form.querySelector('[type=submit][name="' + CSS.escape(draft.submitter) + '"]')
        : null;
      window.setTimeout(function () {
        confirmed = true;
        form.requestSubmit(submitter || undefined);
      }, 300);
    }

    async function sessionAlive() {
      const body = new URLSearchParams({ story: data.dataset.story });
      const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
      try {
        const response = await fetch(data.dataset.heartbeatUrl, {
          method: "POST",
          credentials: "same-origin",
          headers: { "X-CSRFToken": token, Accept: "application/json" },
          body: body,
        });
        if (response.status === 401) return "signed-out";
        const json = (response.headers.get("Content-Type") || "").indexOf("application/json") !== -1;
        // A refusal that is not ours (the CSRF check, after signing in elsewhere): reload, then save.
        return response.ok || json ? "alive" : "stale";
      } catch (error) {
        return "alive"; // cannot tell: let the browser try; the kept changes stay until the save succeeds
      }
    }

    form.addEventListener("submit", async function (event) {
      if (confirmed) return;
      event.preventDefault();
      const submitter = event.submitter && event.submitter.name ? event.submitter : null;
      write({ submitter: submitter ? submitter.name : "" });
      const state = await sessionAlive();
      if (state !== "alive") {
        write({ submitter: submitter ? submitter.name : "", resume: true });
        paused = true; // leaving the page must not overwrite the flag with a plain copy
        say(data.dataset.textSignedOut);
        const here = window.location.pathname + window.location.search;
        window.location.assign(
          state === "signed-out" ? data.dataset.loginUrl + "?next=" + encodeURIComponent(here) : here
        );
        return;
      }
      confirmed = true;
      form.requestSubmit(submitter || undefined);
    });

    form.addEventListener("input", function () { touched = true; keep(); });
    form.addEventListener("change", function () { touched = true; keep(); });
    // The body editor writes its textarea without events: look every two seconds.
    window.setInterval(keep, 2000);
    window.addEventListener("pagehide", keep);
    document.addEventListener("prose-editor:ready", function () {
      if (!touched && !refused && !paused) baseline = JSON.stringify(snapshot());
    });

    // A refused save (errors on the page) is still unsaved: keep it from the start.
    baseline = refused ? null : JSON.stringify(snapshot());
    const draft = read();
    if (draft && draft.values) {
      if (draft.resume) resume(draft);
      else if (JSON.stringify(draft.values) !== JSON.stringify(snapshot())) offer(draft);
    }
    if (refused && !paused) write();
  }

  document.addEventListener("DOMContentLoaded", function () {
    const store = storage();
    if (!store) return;
    forgetSaved(store);
    const data = document.getElementById("desk-form");
    if (data) setUp(data, store);
  });
})();
