// The live desk: entries are published, edited, pinned and deleted in place. The same forms post
// and come back to the desk without this script; with it, the endpoints answer JSON.
const desk = document.querySelector("[data-live-desk]");
const form = desk?.querySelector("[data-desk-form]");
const list = desk?.querySelector("[data-desk-entries]");
let editor = null;

document.addEventListener("prose-editor:ready", (event) => {
  if (form?.contains(event.detail.textarea)) editor = event.detail.editor;
});

async function send(target, body) {
  const response = await fetch(target.action, {
    method: "POST",
    body,
    credentials: "same-origin",
    headers: { Accept: "application/json", "X-Requested-With": "fetch" },
  });
  let data = {};
  try {
    data = await response.json();
  } catch {
    data = { errors: { __all__: [{ message: `${response.status} ${response.statusText}` }] } };
  }
  return { ok: response.ok, data };
}

function fromHTML(html) {
  const holder = document.createElement("template");
  holder.innerHTML = html.trim(); // rendered by our admin templates from sanitised text
  return holder.content.firstElementChild;
}

function say(text) {
  form.querySelector("[data-desk-status]").textContent = text;
}

function showErrors(errors) {
  const box = form.querySelector("[data-desk-errors]");
  box.replaceChildren();
  for (const [field, problems] of Object.entries(errors || {})) {
    for (const problem of problems) {
      const line = document.createElement("p");
      line.className = "errornote";
      const label = field === "__all__" ? "" : `${form.querySelector(`label[for='id_${field}']`)?.textContent || field} `;
      line.textContent = `${label}${problem.message}`;
      box.append(line);
    }
  }
}

function setSelect(name, value, label) {
  const select = form.elements[name];
  if (!select) return;
  if (value && ![...select.options].some((option) => option.value === value)) {
    select.add(new Option(label || value, value));
  }
  select.value = value || "";
  window.django?.jQuery?.(select).trigger("change");
}

function resetForm() {
  form.reset();
  form.action = form.dataset.addUrl;
  editor?.commands.clearContent(true);
  setSelect("photo", "", "");
  const title = form.querySelector("[data-desk-form-title]");
  title.textContent = title.dataset.labelAdd;
  const submit = form.querySelector("[data-desk-submit]");
  submit.value = submit.dataset.labelAdd;
  form.querySelector("[data-desk-cancel]").hidden = true;
}

function startEditing(item) {
  form.action = item.dataset.editUrl;
  form.elements.title.value = item.dataset.title;
  form.elements.is_key_event.checked = item.dataset.key === "1";
  form.elements.is_pinned.checked = item.dataset.pinned === "1";
  setSelect("author", item.dataset.author, "");
  setSelect("photo", item.dataset.photo, item.dataset.photoLabel);
  const body = item.querySelector("[data-desk-body]").innerHTML;
  if (editor) editor.commands.setContent(body, true);
  form.elements.body.value = body;
  const title = form.querySelector("[data-desk-form-title]");
  title.textContent = title.dataset.labelEdit;
  const submit = form.querySelector("[data-desk-submit]");
  submit.value = submit.dataset.labelEdit;
  form.querySelector("[data-desk-cancel]").hidden = false;
  form.scrollIntoView({ block: "start" });
  form.elements.title.focus();
}

function place(node, id) {
  const old = list.querySelector(`[data-desk-entry='${id}']`);
  if (old) old.replaceWith(node);
  else list.prepend(node);
  list.querySelector("[data-desk-empty]")?.remove();
}

if (form) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (editor) form.elements.body.value = editor.getHTML();
    const { ok, data } = await send(form, new FormData(form));
    if (!ok) {
      showErrors(data.errors);
      return;
    }
    showErrors({});
    place(fromHTML(data.html), data.id);
    resetForm();
    say(form.dataset.saved || "✓");
  });
  form.querySelector("[data-desk-cancel]").addEventListener("click", resetForm);
}

list?.addEventListener("click", (event) => {
  const edit = event.target.closest("[data-desk-edit]");
  if (!edit || !form) return;
  event.preventDefault();
  startEditing(edit.closest("[data-desk-entry]"));
});

list?.addEventListener("submit", async (event) => {
  const action = event.target.closest("[data-desk-action]");
  if (!action) return;
  event.preventDefault();
  if (action.dataset.confirm && !window.confirm(action.dataset.confirm)) return;
  const body = new FormData(action);
  if (event.submitter?.name) body.append(event.submitter.name, event.submitter.value);
  const { ok, data } = await send(action, body);
  if (!ok) return;
  const item = action.closest("[data-desk-entry]");
  if (data.deleted) item.remove();
  else place(fromHTML(data.html), data.id);
});
