// The phone header's search icon opens the search box in place (without scripts it leads to the search page).
export function armSearchToggle(root = document) {
  const toggle = root.querySelector("[data-search-toggle]");
  const form = toggle && root.getElementById(toggle.getAttribute("aria-controls"));
  if (!form) return;
  toggle.setAttribute("role", "button");
  toggle.setAttribute("aria-expanded", "false");
  toggle.addEventListener("click", (event) => {
    event.preventDefault();
    const open = !form.classList.contains("is-open");
    form.classList.toggle("is-open", open);
    toggle.setAttribute("aria-expanded", String(open));
    if (open) form.querySelector("input[type='search']").focus();
  });
  toggle.addEventListener("keydown", (event) => {
    if (event.key === " ") {
      event.preventDefault();
      toggle.click();
    }
  });
}

armSearchToggle();
