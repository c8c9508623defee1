// The breaking-news banner: kept current from the edition's small cached JSON, dismissible per story.
// Without scripts the banner rendered with the page stays as it is.

const POLL_SECONDS = 5; // with the answer's max-age of 4 s, a flag shows within 10 s
const DISMISSED_KEY = "newsportal:breaking-dismissed";
const KEEP_DISMISSED = 20;

const slot = document.getElementById("breaking");

function dismissed() {
  try {
    const ids = JSON.parse(localStorage.getItem(DISMISSED_KEY) || "[]");
    return Array.isArray(ids) ? ids : [];
  } catch {
    return [];
  }
}

function dismiss(id) {
  const ids = dismissed().filter((known) => known !== id);
  ids.push(id);
  try {
    localStorage.setItem(DISMISSED_KEY, JSON.stringify(ids.slice(-KEEP_DISMISSED)));
  } catch {
    // Storage refused (private mode, full): the banner is still closed on this page.
  }
}

function closeButton(id) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "breaking__close";
  button.setAttribute("aria-label", slot.dataset.dismiss);
  button.textContent = "×";
  button.addEventListener("click", () => {
    dismiss(id);
    slot.replaceChildren();
    document.getElementById("main")?.focus({ preventScroll: true });
  });
  return button;
}

function show(story) {
  const current = slot.querySelector(".breaking__inner");
  if (!story || dismissed().includes(story.id)) {
    if (current) slot.replaceChildren();
    return;
  }
  const link = current?.querySelector(".breaking__link");
  if (current && Number(current.dataset.story) === story.id && link?.textContent === story.headline
      && link.getAttribute("href") === story.url) {
    if (!current.querySelector(".breaking__close")) current.append(closeButton(story.id));
    return;
  }
  const inner = document.createElement("p");
  inner.className = "breaking__inner";
  inner.dataset.story = String(story.id);
  const label = document.createElement("strong");
  label.className = "breaking__label";
  label.textContent = slot.dataset.label;
  const anchor = document.createElement("a");
  anchor.className = "breaking__link";
  anchor.href = story.url;
  anchor.textContent = story.headline;
  inner.append(label, " ", anchor, closeButton(story.id));
  slot.replaceChildren(inner);
}

async function poll() {
  try {
    const response = await fetch(slot.dataset.url, { headers: { Accept: "application/json" } });
    if (response.ok) show((await response.json()).breaking);
  } catch {
    // Offline or the server busy: keep what is shown, ask again at the next tick.
  }
}

if (slot) {
  const rendered = slot.querySelector(".breaking__inner");
  if (rendered && dismissed().includes(Number(rendered.dataset.story))) slot.replaceChildren();
  poll();
  // A background tab asks nothing; it catches up as soon as the reader comes back.
  setInterval(() => { if (!document.hidden) poll(); }, POLL_SECONDS * 1000);
  document.addEventListener("visibilitychange", () => { if (!document.hidden) poll(); });
}
