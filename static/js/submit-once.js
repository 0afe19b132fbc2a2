// Sends an admin change or add form once. After the first submit its buttons are disabled, and
// a second submit (a double click, Enter pressed again) is dropped until the next page arrives,
// which would otherwise save twice: two drafts where one was meant. A page the browser brings
// back from its back-forward cache (Back) has its buttons working again.
"use strict"

const BUTTONS = "button[type=submit], button:not([type]), input[type=submit]"

document.addEventListener("submit", (event) => {
  const form = event.target
  if (!document.body.classList.contains("change-form") || form.method !== "post") return
  if ("sent" in form.dataset) {
    event.preventDefault()
    return
  }
  // Afterwards: the button that sent the form must be enabled while the browser reads its name
  // (`_save`, `_publish`…), and a form another script stopped was not sent.
  setTimeout(() => {
    if (event.defaultPrevented) return
    form.dataset.sent = ""
    for (const button of form.querySelectorAll(BUTTONS)) {
      if (button.disabled) continue
      button.disabled = true
      button.dataset.disabledOnSubmit = ""
    }
  }, 0)
})

window.addEventListener("pageshow", (event) => {
  if (!event.persisted) return
  for (const form of document.querySelectorAll("form[data-sent]")) {
    delete form.dataset.sent
    for (const button of form.querySelectorAll("[data-disabled-on-submit]")) {
      button.disabled = false
      delete button.dataset.disabledOnSubmit
    }
  }
})
