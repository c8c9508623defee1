// "Most read": tell the site once that this story was opened. The page itself is cached for
// everyone, so the count cannot be taken when it is served.
const script = document.querySelector("script[data-seen-url]");

function send() {
  const url = script.dataset.seenUrl;
  // sendBeacon outlives the page if the reader leaves at once; fetch keepalive where it is missing.
  if (!(navigator.sendBeacon && navigator.sendBeacon(url))) {
    fetch(url, { method: "POST", keepalive: true, credentials: "omit" }).catch(() => {});
  }
}

if (script) {
  // A page opened in a background tab counts when the reader looks at it, not before.
  if (document.visibilityState === "visible") {
    send();
  } else {
    document.addEventListener("visibilitychange", function onVisible() {
      if (document.visibilityState !== "visible") return;
      document.removeEventListener("visibilitychange", onVisible);
      send();
    });
  }
}
