// Typo reports: select text in the story and press Ctrl+Enter (or the "Report a typo" button)
// to send it to the editors. All wording comes from the template, in the reader's language.
import { sendAction } from "./actions.js";

const dialog = document.getElementById("typo-dialog");
if (dialog) setUp(dialog);

// Elements that start a new line of text: a selection across them reads as words separated by
// a space, as the server reads the story (inline tags join letters with nothing between).
const BLOCKS = "p,li,h1,h2,h3,h4,h5,h6,blockquote,pre,td,th,dt,dd,figcaption,figure,div,header,section,article";

const collapse = (text) => text.replace(/\s+/g, " ");

function scopeOf(node) {
  const element = node && (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement);
  return element ? element.closest("[data-typo-scope]") : null;
}

// The story part a range boundary falls in. A boundary between elements (a triple click, a
// drag across paragraphs) points at the child next to it, not at the container.
function boundaryScope(container, offset, atEnd) {
  if (container.nodeType === Node.ELEMENT_NODE && container.childNodes.length) {
    const child = container.childNodes[atEnd ? Math.max(offset - 1, 0) : Math.min(offset, container.childNodes.length - 1)];
    return scopeOf(child) || scopeOf(container);
  }
  return scopeOf(container);
}

function rangeText(range) {
  const root = range.commonAncestorContainer;
  if (root.nodeType === Node.TEXT_NODE) return root.data.slice(range.startOffset, range.endOffset);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let out = "";
  let lastBlock = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!range.intersectsNode(node)) continue;
    let text = node.data;
    if (node === range.endContainer) text = text.slice(0, range.endOffset);
    if (node === range.startContainer) text = text.slice(range.startOffset);
    const block = node.parentElement.closest(BLOCKS);
    if (lastBlock && block !== lastBlock) out += " ";
    lastBlock = block;
    out += text;
  }
  return out;
}

// The reader's selection inside the story text, with the words around it; null if there is none.
function selectedReport(contextChars) {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const startScope = boundaryScope(range.startContainer, range.startOffset, false);
  const endScope = boundaryScope(range.endContainer, range.endOffset, true);
  if (!startScope || !endScope) return null;
  const raw = collapse(rangeText(range));
  const text = raw.trim();
  if (!text) return null;

  const pre = document.createRange();
  pre.selectNodeContents(startScope);
  pre.setEnd(range.startContainer, range.startOffset);
  const post = document.createRange();
  post.selectNodeContents(endScope);
  post.setStart(range.endContainer, range.endOffset);
  let before = collapse(rangeText(pre)).trimStart() + (raw.startsWith(" ") ? " " : "");
  let after = (raw.endsWith(" ") ? " " : "") + collapse(rangeText(post)).trimEnd();
  const cutBefore = before.length > contextChars;
  const cutAfter = after.length > contextChars;
  before = before.slice(-contextChars);
  after = after.slice(0, contextChars);
  return { text, before, after, cutBefore, cutAfter, rect: range.getBoundingClientRect() };
}

function setUp(dialog) {
  const maxSelection = Number(dialog.dataset.maxSelection);
  const contextChars = Number(dialog.dataset.contextChars);
  const form = dialog.querySelector("[data-typo-form]");
  const quotePanel = dialog.querySelector("[data-typo-quote-panel]");
  const tooLong = dialog.querySelector("[data-typo-too-long]");
  const manual = dialog.querySelector("[data-typo-manual]");
  const manualHelp = dialog.querySelector("[data-typo-manual-help]");
  const selectionField = form.elements.selection;
  const commentField = form.elements.comment;
  const commentRow = dialog.querySelector("[data-typo-comment-field]");
  const error = dialog.querySelector("[data-typo-error]");
  const send = dialog.querySelector("[data-typo-send]");
  const thanks = dialog.querySelector("[data-typo-thanks]");
  const hint = document.querySelector("[data-typo-hint]");
  const floating = document.querySelector("[data-typo-float]");
  const coarse = window.matchMedia("(pointer: coarse)");
  let report = null;
  let returnFocus = null;
  let lastPointer = "mouse";
  let floatingReport = null;
  let hideTimer = null;

  if (hint) hint.hidden = false;
  // Phones and tablets are told what works there: a tap on the button, not Ctrl+Enter.
  function showHint() {
    if (!hint) return;
    const touch = coarse.matches;
    hint.querySelector("[data-typo-hint-keys]").hidden = touch;
    hint.querySelector("[data-typo-hint-touch]").hidden = !touch;
  }
  showHint();
  coarse.addEventListener("change", showHint);

  function showError(message) {
    error.textContent = message;
    error.hidden = false;
  }

  function open(selected) {
    returnFocus = document.activeElement;
    report = selected;
    form.hidden = false;
    thanks.hidden = true;
    error.hidden = true;
    send.disabled = false;
    commentField.value = "";
    const isManual = !selected;
    const isTooLong = !isManual && selected.text.length > maxSelection;
    manual.hidden = !isManual;
    manualHelp.hidden = !isManual;
    quotePanel.hidden = isManual || isTooLong;
    tooLong.hidden = !isTooLong;
    commentRow.hidden = isTooLong;
    send.hidden = isTooLong;
    selectionField.value = isManual ? "" : selected.text;
    if (!isManual) {
      dialog.querySelector("[data-typo-before]").textContent = (selected.cutBefore ? "…" : "") + selected.before;
      dialog.querySelector("[data-typo-mark]").textContent = selected.text;
      dialog.querySelector("[data-typo-after]").textContent = selected.after + (selected.cutAfter ? "…" : "");
    }
    hideFloating();
    dialog.showModal();
    if (isManual) selectionField.focus();
    else if (isTooLong) dialog.querySelector("[data-typo-cancel]").focus();
    else commentField.focus();
  }

  function close() {
    if (dialog.open) dialog.close();
  }

  dialog.addEventListener("close", () => {
    if (returnFocus && returnFocus.isConnected && typeof returnFocus.focus === "function") {
      returnFocus.focus();
    }
    returnFocus = null;
  });
  dialog.querySelectorAll("[data-typo-cancel]").forEach((button) => button.addEventListener("click", close));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = collapse(selectionField.value).trim();
    if (!text) {
      showError(dialog.dataset.msgEmpty);
      selectionField.focus();
      return;
    }
    if (text.length > maxSelection) {
      tooLong.hidden = false;
      return;
    }
    error.hidden = true;
    send.disabled = true;
    form.setAttribute("aria-busy", "true");
    try {
      const { ok, data } = await sendAction(form.action, {
        article: form.elements.article.value,
        selection: text,
        before: report && report.text === text ? report.before : "",
        after: report && report.text === text ? report.after : "",
        comment: commentField.value,
        url: window.location.href,
      });
      if (ok) {
        form.hidden = true;
        thanks.hidden = false;
        thanks.querySelector("[data-typo-thanks-message]").focus();
      } else {
        showError(data.message || dialog.dataset.msgFailed);
      }
    } catch {
      showError(dialog.dataset.msgNetwork);
    } finally {
      send.disabled = false;
      form.removeAttribute("aria-busy");
    }
  });

  // Ctrl+Enter (Cmd+Enter on a Mac) with text selected in the story opens the dialog;
  // inside the dialog it sends. Fields elsewhere on the page keep the shortcut for themselves.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    if (dialog.open) {
      if (!form.hidden && !send.hidden && dialog.contains(event.target)) {
        event.preventDefault();
        form.requestSubmit(send);
      }
      return;
    }
    if (event.target.closest && event.target.closest("input, textarea, select, [contenteditable]")) return;
    const selected = selectedReport(contextChars);
    if (!selected) return;
    event.preventDefault();
    open(selected);
  });

  // The hint's button: with a selection it reports it, without one it asks for the words
  // (the way in for readers who use the keyboard only).
  const openButton = hint && hint.querySelector("[data-typo-open]");
  if (openButton) {
    // Keep the selection: a mouse press on the button would otherwise clear it.
    openButton.addEventListener("mousedown", (event) => event.preventDefault());
    openButton.addEventListener("click", () => open(selectedReport(contextChars)));
  }

  // Touch screens have no Ctrl+Enter: a button follows the selection instead.
  function touchMode() {
    return coarse.matches || lastPointer === "touch";
  }
  function hideFloating() {
    if (!floating) return;
    floating.hidden = true;
    floatingReport = null;
  }
  function placeFloating(selected) {
    floatingReport = selected;
    floating.hidden = false;
    const width = floating.offsetWidth;
    const left = Math.min(
      Math.max(8, selected.rect.left + selected.rect.width / 2 - width / 2),
      document.documentElement.clientWidth - width - 8,
    );
    floating.style.left = `${left + window.scrollX}px`;
    floating.style.top = `${selected.rect.bottom + window.scrollY + 12}px`;
  }
  document.addEventListener("pointerdown", (event) => {
    lastPointer = event.pointerType || "mouse";
  }, { capture: true, passive: true });
  if (floating) {
    floating.addEventListener("mousedown", (event) => event.preventDefault());
    floating.addEventListener("click", () => {
      clearTimeout(hideTimer);
      open(selectedReport(contextChars) || floatingReport);
    });
    document.addEventListener("selectionchange", () => {
      if (dialog.open || !touchMode()) return;
      const selected = selectedReport(contextChars);
      clearTimeout(hideTimer);
      if (selected) placeFloating(selected);
      // A tap on the button may clear the selection first: give the tap time to land.
      else hideTimer = setTimeout(hideFloating, 400);
    });
  }
}
