// The body editor's toolbar tips are English words of its own ("insert link", "bold"); its dialogs
// already ask Django's JavaScript catalogue. This extension gives the tips the editor's language from
// the same catalogue (locale/<language>/LC_MESSAGES/djangojs.po, served by the admin's jsi18n).
import { Extension } from "django-prose-editor/editor"

const translated = (text) => {
  if (!window.gettext) return text
  const heading = text.match(/^(heading|Heading) (\d)$/)
  if (heading && window.interpolate) return window.interpolate(window.gettext(`${heading[1]} %s`), [heading[2]])
  return window.gettext(text)
}

const translateToolbar = (root) => {
  for (const element of root.querySelectorAll(".prose-menubar [title], .prose-menubar [aria-label]")) {
    for (const attribute of ["title", "aria-label"]) {
      const value = element.getAttribute(attribute)
      if (!value) continue
      const text = element.dataset[`original${attribute === "title" ? "Title" : "Label"}`] || value
      element.dataset[`original${attribute === "title" ? "Title" : "Label"}`] = text
      const local = translated(text)
      if (local !== value) element.setAttribute(attribute, local)
    }
  }
  // The block-type menu's choices ("Paragraph", "Heading 2", …) are text, not tips.
  for (const element of root.querySelectorAll(".prose-menubar__picker .ProseMirror > *")) {
    if (element.children.length) continue
    const text = element.dataset.originalText || element.textContent
    element.dataset.originalText = text
    const local = translated(text)
    if (local !== element.textContent) element.textContent = local
  }
}

export const TranslatedToolbar = Extension.create({
  name: "translatedToolbar",

  onCreate() {
    const root = this.editor.options.element.closest(".prose-editor") || document.body
    translateToolbar(root)
    // Menus are drawn again as the selection changes; only added elements are watched, so the
    // translation does not wake itself.
    new MutationObserver(() => translateToolbar(root)).observe(root, { childList: true, subtree: true })
  },
})
