// The change form's previews and checks, kept in step with the form as the editor types. A short
// pause after typing posts the form (without files) to the panels address, which answers with
// the panels made by the same code as on page load; each element of the answer replaces the
// element with its id. Without JavaScript the panels show the article as loaded or saved.
// Enter in a box beside its own button (the note to the writer, the schedule) presses that
// button, not the form's first (Save), which would drop what was typed in the box.
"use strict"

document.addEventListener("DOMContentLoaded", () => {
  const side = document.querySelector("[data-panels-url]")
  const form = side && side.closest("form")
  if (!form) return
  const PAUSE = 400
  let timer = null
  let latest = 0

  const formData = () => {
    const data = new FormData(form)
    for (const [name, value] of [...data.entries()]) {
      if (value instanceof File) data.delete(name)
    }
    return data
  }

  const swap = (html) => {
    const template = document.createElement("template")
    template.innerHTML = html
    for (const fresh of [...template.content.children]) {
      const current = fresh.id && document.getElementById(fresh.id)
      if (!current) continue
      // Disclosures the editor opened stay open.
      for (const open of current.querySelectorAll("details[id][open]")) {
        const same = fresh.querySelector(`#${CSS.escape(open.id)}`)
        if (same) same.open = true
      }
      current.replaceWith(fresh)
    }
  }

  const refresh = async () => {
    const request = ++latest
    side.setAttribute("aria-busy", "true")
    try {
      const response = await fetch(side.dataset.panelsUrl, {
        method: "POST",
        body: formData(),
        credentials: "same-origin",
      })
      if (response.ok && request === latest) swap(await response.text())
    } catch (error) {
      // Offline or refused: the panels keep their last state until the next change.
    } finally {
      if (request === latest) side.removeAttribute("aria-busy")
    }
  }

  // Once the form is sent, the page it answers with shows the panels: no request races the save
  // (leaving the last field fires a change just before the form is sent).
  let sent = false
  form.addEventListener("submit", () => {
    sent = true
    clearTimeout(timer)
  })

  const soon = () => {
    if (sent) return
    clearTimeout(timer)
    timer = setTimeout(refresh, PAUSE)
  }

  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.isComposing || event.target.tagName !== "INPUT") return
    const group = event.target.closest("[data-enter-presses]")
    const button = group && group.querySelector("button[type=submit]")
    if (!button) return
    event.preventDefault()
    form.requestSubmit(button)
  })

  form.addEventListener("input", soon)
  form.addEventListener("change", soon)
  document.addEventListener("formset:added", soon)
  document.addEventListener("formset:removed", soon)
  // The author picker (select2) announces a choice through jQuery only.
  if (window.django && window.django.jQuery) {
    window.django.jQuery(form).on("select2:select select2:unselect", soon)
  }
})
