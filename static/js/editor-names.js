// Names each rich-text editor's writing area after its field's label and help (the editor
// draws it without a name), so a screen reader says which field it is and how long the text is.
"use strict"

const nameEditors = () => {
  for (const area of document.querySelectorAll(".prose-editor [contenteditable=true]")) {
    if (area.hasAttribute("aria-label")) continue
    const textarea = area.closest(".prose-editor").querySelector("textarea")
    const label = textarea && document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`)
    if (!label) continue
    area.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim())
    if (document.getElementById(`${textarea.id}_helptext`)) {
      area.setAttribute("aria-describedby", `${textarea.id}_helptext`)
    }
  }
}

document.addEventListener("DOMContentLoaded", () => {
  nameEditors()
  // The editors are drawn by a module that may load after this script.
  new MutationObserver(nameEditors).observe(document.body, { childList: true, subtree: true })
})
