// Tells the editor who else has this story open, and when it was saved by someone else since the form
// loaded: a small heartbeat to the admin every few seconds (articles/desk/presence.py).
(function () {
  "use strict";

  function format(template, names) {
    return template.replace("%(names)s", names.join(", "));
  }

  document.addEventListener("DOMContentLoaded", function () {
    const data = document.getElementById("desk-form");
    if (!data || data.dataset.story === "new") return;
    const form = data.closest("form");
    const status = form.querySelector(".desk-presence");
    const lock = form.querySelector('input[name="' + data.dataset.lockField + '"]');
    const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    const seconds = Number(data.dataset.heartbeatSeconds) || 10;

    function body(extra) {
      return new URLSearchParams(Object.assign({ story: data.dataset.story, loaded: lock.value }, extra));
    }

    async function beat() {
      let answer;
      try {
        const response = await fetch(data.dataset.heartbeatUrl, {
          method: "POST",
          credentials: "same-origin",
          headers: { "X-CSRFToken": token, Accept: "application/json" },
          body: body({}),
        });
        answer = await response.json();
      } catch (error) {
        return; // offline for a moment: the next beat tries again
      }
      const lines = [];
      if (answer.editors && answer.editors.length) {
        const template = answer.editors.length > 1 ? data.dataset.textEditingMany : data.dataset.textEditing;
        lines.push(format(template, answer.editors));
      }
      if (answer.saved_since) lines.push(data.dataset.textSavedSince);
      const text = lines.join(" ");
      // Rewritten only when it changes, so a screen reader announces news, not every beat.
      if (status.textContent !== text) status.textContent = text;
    }

    beat();
    window.setInterval(beat, seconds * 1000);
    // Leaving the page (closing it, or saving): the others stop seeing this editor at once.
    window.addEventListener("pagehide", function () {
      if (navigator.sendBeacon) {
        navigator.sendBeacon(data.dataset.heartbeatUrl, body({ leaving: "1", csrfmiddlewaretoken: token }));
      }
    });
  });
})();
