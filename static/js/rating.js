// "Rate it": votes are sent in place, and the reader's own vote is shown on the cached page.
// Without this script the same form posts and the page comes back with a confirmation; with it the
// "Send my rating" button goes: a click on a star votes, and so does Enter on the chosen star.
import { sendAction } from "./actions.js";

const JSON_HEADERS = { Accept: "application/json" };

function show(widget, data) {
  const summary = widget.querySelector("[data-rating-summary]");
  const empty = widget.querySelector("[data-rating-empty]");
  if (typeof data.count === "number") {
    summary.hidden = data.count === 0;
    empty.hidden = data.count !== 0;
    widget.querySelector("[data-rating-average]").textContent = data.averageLabel;
    widget.querySelector("[data-rating-count]").textContent = data.countLabel;
  }
  if (data.score) {
    const input = widget.querySelector(`input[name='score'][value='${data.score}']`);
    if (input) input.checked = true;
    widget.dataset.own = String(data.score);
  }
}

function say(widget, text, ok = true) {
  const status = widget.querySelector("[data-rating-status]");
  status.replaceChildren();
  if (!text) return;
  const notice = document.createElement("span");
  notice.className = ok ? "notice notice--ok" : "notice notice--error";
  notice.textContent = text;
  status.append(notice);
}

async function loadState(widget) {
  try {
    const response = await fetch(widget.dataset.stateUrl, { credentials: "same-origin", headers: JSON_HEADERS });
    if (!response.ok) return;
    const data = await response.json();
    show(widget, data);
    // The no-JS confirmation flag stays in the address; the reader's own vote says more.
    if (data.ownLabel && !widget.querySelector(".notice")) say(widget, data.ownLabel);
  } catch {
    // The cached page still shows the rating and the form works: nothing to tell the reader.
  }
}

async function send(widget, form) {
  const chosen = form.querySelector("input[name='score']:checked");
  if (!chosen || widget.dataset.busy) return;
  widget.dataset.busy = "1";
  try {
    const { ok, data } = await sendAction(form.action, { score: chosen.value });
    if (ok) {
      show(widget, data);
      say(widget, `${data.message} ${data.ownLabel}`);
    } else {
      say(widget, data.message || widget.dataset.errorMessage, false);
      restoreOwn(widget);
    }
  } catch {
    say(widget, widget.dataset.errorMessage, false);
    restoreOwn(widget);
  } finally {
    delete widget.dataset.busy;
  }
}

function restoreOwn(widget) {
  const own = widget.dataset.own;
  widget.querySelectorAll("input[name='score']").forEach((input) => {
    input.checked = own !== undefined && input.value === own;
  });
}

function enhance(widget) {
  const form = widget.querySelector("form");
  const button = form.querySelector("button[type='submit']");
  let byPointer = false;
  if (button) button.hidden = true;
  widget.classList.add("rating--live");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    // The page-wide handler (site.js) would arm the token and resubmit: this vote goes by fetch instead.
    event.stopPropagation();
    send(widget, form);
  });
  // A click on a star votes at once; arrow keys only move the choice, Enter sends it.
  form.addEventListener("pointerdown", () => { byPointer = true; });
  form.addEventListener("keydown", (event) => {
    byPointer = false;
    if (event.key === "Enter" && event.target.matches("input[name='score']")) {
      event.preventDefault();
      send(widget, form);
    }
  });
  form.addEventListener("change", () => {
    if (byPointer) send(widget, form);
  });
  loadState(widget);
}

document.querySelectorAll("[data-rating]").forEach(enhance);
