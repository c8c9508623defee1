// The body editor's Tiptap would add its base styles as an inline <style>, which the strict CSP
// (style-src 'self') refuses: a violation on every page of the story editor. The same styles come
// from css/admin-editor.css, so this extension tells the editor, before it mounts, not to inject them.
import { Extension } from "django-prose-editor/editor"

export const NoInlineStyles = Extension.create({
  name: "noInlineStyles",

  onBeforeCreate() {
    this.editor.options.injectCSS = false
  },
})
