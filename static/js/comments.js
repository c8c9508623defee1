import { sendAction } from "./actions.js";

// Comments: the cached page is the same for everyone; this script adds what is the reader's own
// (their comments awaiting moderation, their name when signed in, reports already sent), counts the
// characters left, and posts comments, replies and reports without leaving the page.

const section = document.querySelector("[data-comments]");
const form = document.querySelector("[data-comment-form]");

function fillTemplate(template, values) {
  return template.replace(/\{(\w+)\}/g, (match, key) => (key in values ? values[key] : match));
}

function setupCounter(textarea, counter) {
  const max = Number(textarea.getAttribute("maxlength"));
  if (!max) return;
  const template = counter.dataset.template;
  const update = () => {
    // Line breaks count as one character here and on the server.
    const left = max - textarea.value.length;
    counter.textContent = fillTemplate(template, { left, max });
    counter.classList.toggle("comment-form__counter--low", left < max / 10);
  };
  counter.hidden = false;
  textarea.addEventListener("input", update);
  update();
}

function showStatus(target, message, kind) {
  if (!target) return;
  target.textContent = message;
  target.className = `comment-form__status notice notice--${kind}`;
}

function clearErrors(root) {
  root.querySelectorAll("[data-js-error]").forEach((node) => node.remove());
  root.querySelectorAll(".field--invalid").forEach((node) => node.classList.remove("field--invalid"));
  root.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
}

function showFieldErrors(root, errors) {
  Object.entries(errors || {}).forEach(([name, list]) => {
    const input = root.querySelector(`[name="${CSS.escape(name)}"]`);
    if (!input || input.type === "hidden" || !list.length) return;
    input.closest(".field")?.classList.add("field--invalid");
    input.setAttribute("aria-invalid", "true");
    const note = document.createElement("p");
    note.className = "field__error";
    note.dataset.jsError = "";
    note.id = `${input.id}-error`;
    note.textContent = list.join(" ");
    input.after(note);
    input.setAttribute("aria-describedby", `${note.id} ${input.getAttribute("aria-describedby") || ""}`.trim());
  });
}

function insertComment(html, parentId) {
  const template = document.createElement("template");
  template.innerHTML = html.trim();
  const node = template.content.firstElementChild;
  const parent = parentId && document.getElementById(`comment-${parentId}`);
  if (parent) {
    let replies = parent.querySelector(":scope > [data-replies]");
    if (!replies) {
      replies = document.createElement("ol");
      replies.className = "comment__replies";
      replies.dataset.replies = "";
      parent.append(replies);
    }
    replies.append(node);
  } else {
    const mine = section.querySelector("[data-pending-comments]");
    mine.hidden = false;
    mine.append(node);
  }
  section.querySelector("[data-comments-empty]")?.remove();
  return node;
}

// Replies: the form moves under the comment being answered, and back when cancelled.
function setupReplies() {
  const home = document.createComment("comment form");
  form.before(home);
  const replyInput = form.querySelector("input[name='reply_to']");
  const banner = form.querySelector("[data-replying]");
  const bannerText = form.querySelector("[data-replying-text]");
  const cancel = form.querySelector("[data-cancel-reply]");

  const reset = () => {
    replyInput.value = "";
    banner.hidden = true;
    cancel.hidden = true;
    home.after(form);
  };
  section.addEventListener("click", (event) => {
    const link = event.target.closest("[data-reply-to]");
    if (!link) return;
    event.preventDefault();
    const comment = document.getElementById(`comment-${link.dataset.replyTo}`);
    replyInput.value = link.dataset.replyTo;
    bannerText.textContent = fillTemplate(form.dataset.replyingTemplate || "{name}", { name: link.dataset.replyName });
    banner.hidden = false;
    cancel.hidden = false;
    comment.querySelector(":scope > .comment__body").after(form);
    form.querySelector("textarea").focus();
  });
  cancel.addEventListener("click", reset);
  return reset;
}

// The thank-you sits by the comment it is about, not under the form far below it. The live region
// is in the page before its text arrives, so screen readers announce it.
function thank(node, message) {
  section.querySelectorAll("[data-comment-thanks]").forEach((old) => old.remove());
  const note = document.createElement("p");
  note.className = "notice notice--ok comment__thanks";
  note.dataset.commentThanks = "";
  note.setAttribute("role", "status");
  node.append(note);
  requestAnimationFrame(() => { note.textContent = message; });
}

// FormData reads the pressed button's name and value at once, before it is disabled.
function postForm(target, submitter) {
  return sendAction(target.action, new FormData(target, submitter));
}

function setupPosting(resetReply) {
  const status = form.querySelector("[data-form-status]");
  const failed = form.dataset.failedMessage || "";
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    // The page-wide handler in site.js would submit the form a second time.
    event.stopPropagation();
    const button = form.querySelector("button[type='submit']");
    button.disabled = true;
    clearErrors(form);
    try {
      const { ok, data } = await postForm(form);
      if (ok) {
        const node = insertComment(data.html, data.parent);
        form.querySelector("textarea").value = "";
        form.querySelector("textarea").dispatchEvent(new Event("input"));
        resetReply();
        showStatus(status, "", "ok");
        thank(node, data.message);
        node.scrollIntoView({ block: "nearest" });
      } else {
        // Nothing typed is lost: the text stays in the form, with the reason next to it.
        showStatus(status, data.message || failed, "error");
        showFieldErrors(form, data.errors);
        if (data.issued) form.querySelector("input[name='issued']").value = data.issued;
      }
    } catch {
      showStatus(status, failed, "error");
    } finally {
      button.disabled = false;
    }
  });
}

function setupReports() {
  // One form for the page; the button pressed says which comment (its name and value are sent).
  const reportForm = section.querySelector("[data-report-form]");
  if (!reportForm) return;
  reportForm.addEventListener("submit", async (event) => {
    const button = event.submitter;
    if (!button || !button.matches("[data-report]")) return;
    event.preventDefault();
    event.stopPropagation();  // sent here with its token header, not re-sent by the page's token arming
    try {
      const sending = postForm(reportForm, button);  // reads the button's value before it is disabled
      button.disabled = true;
      const { data } = await sending;
      const note = document.createElement("span");
      note.className = "comment__reported";
      note.setAttribute("role", "status");
      note.textContent = data.message || "";
      button.replaceWith(note);
    } catch {
      button.disabled = false;
    }
  });
}

async function loadState() {
  const response = await fetch(section.dataset.stateUrl, {
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  });
  if (!response.ok) return;
  const state = await response.json();
  if (form && state.issued) form.querySelector("input[name='issued']").value = state.issued;
  if (form && state.name) {
    const name = form.querySelector("input[name='author_name']");
    name.value = state.name;
    name.readOnly = true;
  }
  state.pending.forEach((comment) => insertComment(comment.html, comment.parent));
  state.reported.forEach((id) => {
    const target = document.querySelector(`#comment-${id} > .comment__body button[data-report]`);
    if (target) target.disabled = true;
  });
}

if (form) {
  const textarea = form.querySelector("textarea[name='text']");
  const counter = form.querySelector("[data-counter]");
  if (textarea && counter) setupCounter(textarea, counter);
}
if (section) {
  if (form) setupPosting(setupReplies());
  setupReports();
  loadState().catch(() => {});
}
