import { armForms } from "./csrf.js";
import "./header.js";

// Reader forms in cached pages get their CSRF token as soon as the reader shows interest.
document.addEventListener("focusin", (event) => {
  const form = event.target.closest && event.target.closest("form[method='post']");
  if (form) armForms(form);
}, { once: false });
document.addEventListener("submit", async (event) => {
  const form = event.target;
  const input = form.querySelector("input[name='csrfmiddlewaretoken']");
  if (form.method === "post" && input && !input.value && !form.dataset.armed) {
    event.preventDefault();
    await armForms(form);
    form.dataset.armed = "1";
    form.requestSubmit(event.submitter);
  }
});
