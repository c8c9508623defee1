// A live blog's page: ask the server for new entries, as often as its answers say, and offer them
// with an "N new entries" button instead of moving the text the reader is reading.
// Without this script the page lists the entries and pages through them (?page=).
const root = document.querySelector("[data-live]");

function labelFor(count) {
  const category = new Intl.PluralRules(document.documentElement.lang || "en").select(count);
  const pattern = root.dataset[`label${category[0].toUpperCase()}${category.slice(1)}`] || root.dataset.labelOther;
  return pattern.replace("%(count)s", String(count));
}

// A shared link to an entry that is on another page of the blog: the permalink finds its page.
function openSharedEntry() {
  const match = window.location.hash.match(/^#entry-(\d+)$/);
  if (match && !document.getElementById(`entry-${match[1]}`)) {
    window.location.replace(root.dataset.liveEntryUrl.replace(/\/0\/$/, `/${match[1]}/`));
    return true;
  }
  return false;
}

function start() {
  const stream = root.querySelector("[data-live-stream]");
  const button = root.querySelector("[data-live-show]");
  // New entries only join the stream on its first page; on later pages the button leads there.
  const onFirstPage = root.dataset.livePage === "1";
  let after = Number(root.dataset.liveAfter) || 0;
  let waiting = [];
  let timer = null;
  let hiddenSince = null;
  let last = { interval: null, hiddenInterval: null, hiddenStop: null };

  function showWaiting() {
    if (!waiting.length) return;
    if (!onFirstPage) {
      window.location.assign(window.location.pathname);
      return;
    }
    root.querySelector("[data-live-empty]")?.remove();
    let pinned = root.querySelector("[data-live-pinned]");
    for (const entry of waiting) {
      const holder = document.createElement("div");
      holder.innerHTML = entry.html; // rendered by our templates from sanitised text
      const node = holder.firstElementChild;
      if (document.getElementById(node.id)) continue;
      if (entry.pinned) {
        if (!pinned) {
          pinned = document.createElement("div");
          pinned.className = "live__pinned";
          pinned.dataset.livePinned = "";
          root.querySelector("[data-live-notice]").before(pinned);
        }
        pinned.prepend(node);
      } else {
        stream.prepend(node);
      }
    }
    const newest = document.getElementById(`entry-${waiting[waiting.length - 1].id}`);
    waiting = [];
    button.hidden = true;
    button.textContent = "";
    // Keyboard and screen reader users land on what they asked to see.
    if (newest) {
      newest.tabIndex = -1;
      newest.focus();
    }
  }

  function offer(entries, reload) {
    if (reload) {
      waiting = [{ reload: true }];
      button.textContent = labelFor(Math.max(entries.length, 1));
      button.dataset.reload = "";
      button.hidden = false;
      return;
    }
    waiting.push(...entries);
    if (!waiting.length) return;
    button.textContent = labelFor(waiting.length);
    button.hidden = false;
  }

  function schedule(seconds) {
    clearTimeout(timer);
    timer = null;
    root.dataset.liveNext = seconds === null ? "" : String(seconds);
    if (seconds === null) return;
    timer = setTimeout(poll, seconds * 1000);
  }

  function nextDelay() {
    if (last.interval === null) return null;
    if (document.visibilityState !== "hidden") return last.interval;
    // In the background: less often, and not at all after a while (resumed when the reader comes back).
    if (hiddenSince !== null && (Date.now() - hiddenSince) / 1000 >= last.hiddenStop) return null;
    return last.hiddenInterval;
  }

  async function poll() {
    timer = null;
    let data;
    try {
      const response = await fetch(`${root.dataset.liveUrl}?after=${after}`, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) throw new Error(String(response.status));
      data = await response.json();
    } catch {
      // A network hiccup or a deploy: try again later, no faster than before.
      schedule(Math.max(last.interval || 30, 30));
      return;
    }
    root.dataset.livePolls = String(Number(root.dataset.livePolls || 0) + 1);
    offer(data.entries || [], data.reload);
    // The server's newest id: past the entries just offered, or back before one deleted since.
    if (!data.reload) after = data.latest;
    root.dataset.liveStatus = data.status;
    if (data.status !== "live") {
      last.interval = null; // archived: nothing more will come
      schedule(null);
      return;
    }
    last = { interval: data.interval, hiddenInterval: data.hiddenInterval, hiddenStop: data.hiddenStop };
    schedule(nextDelay());
  }

  button.addEventListener("click", () => {
    if (button.dataset.reload !== undefined) {
      window.location.assign(window.location.pathname);
      return;
    }
    showWaiting();
  });

  document.addEventListener("visibilitychange", () => {
    if (root.dataset.liveStatus !== "live") return;
    if (document.visibilityState === "hidden") {
      hiddenSince = Date.now();
      if (last.interval !== null) schedule(nextDelay());
    } else {
      const wasStopped = timer === null;
      hiddenSince = null;
      // Back in front: ask at once if polling had stopped, else at the visible pace.
      schedule(wasStopped ? 0 : last.interval);
    }
  });

  if (root.dataset.liveStatus === "live") {
    // Until the first answer says otherwise: the server's shortest pause, four times that in the background.
    const first = Number(root.dataset.liveFirst || 15);
    last = { interval: first, hiddenInterval: first * 4, hiddenStop: 600 };
    schedule(document.visibilityState === "hidden" ? last.hiddenInterval : first);
  }
}

if (root && !openSharedEntry()) start();
