// The one wire format of the reader scripts (votes, comments, reports, typo reports): form fields,
// URL-encoded, with the CSRF token in X-CSRFToken, asking for JSON. Every answer has one shape:
// { ok, message, errors: { field: [text] } } plus what the action adds.
import { csrfToken } from "./csrf.js";

export async function sendAction(url, fields) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { Accept: "application/json", "X-CSRFToken": await csrfToken() },
    body: new URLSearchParams(fields),
  });
  const data = await response.json().catch(() => ({}));
  return { ok: response.ok && data.ok === true, status: response.status, data };
}
