// Cached pages carry no CSRF token: fetch one when a reader first acts.
let pending = null;

function cookieToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : null;
}

export async function csrfToken() {
  const fromCookie = cookieToken();
  if (fromCookie) return fromCookie;
  if (!pending) {
    const url = document.documentElement.dataset.csrfUrl;
    pending = fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => response.json())
      .then((data) => data.csrfToken)
      .finally(() => { pending = null; });
  }
  return pending;
}

// Fill the token into the page's forms so that plain submits pass the check too.
export async function armForms(root = document) {
  const forms = root.querySelectorAll("form[method='post'] input[name='csrfmiddlewaretoken']");
  if (!forms.length) return;
  const token = await csrfToken();
  forms.forEach((input) => { input.value = token; });
}
