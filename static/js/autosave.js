// Autosave on the article's change form: a few seconds after the editor stops typing (and at
// least every MAX_WAIT while they keep typing), the form's fields are posted as JSON to the
// autosave address, when they differ from what was last kept. The server keeps them for this
// editor and article only, until the form is saved. When the page offers to restore changes
// kept earlier (after a crash or a closed tab), "Restore" fetches them and fills the form in
// place, edit token included, so a save over someone else's later save is still refused.
// Without JavaScript nothing is sent, and the page says so.
"use strict"

;(() => {
  const PAUSE = 2000
  const MAX_WAIT = 10000
  // Fields the server keeps apart (the token) or never (the CSRF token, files).
  const SKIPPED = new Set(["csrfmiddlewaretoken", "edit_token"])
  // The rich-text editors announce themselves as they start; their textareas map to them.
  const editors = new Map()
  document.addEventListener("prose-editor:ready", (event) => {
    editors.set(event.detail.textarea, event.detail.editor)
  })

  const editorOf = (textarea) => editors.get(textarea)

  document.addEventListener("DOMContentLoaded", () => {
    const box = document.getElementById("autosave")
    const form = box && box.closest("form")
    if (!form) return
    const status = document.getElementById("autosave-status")
    const token = form.elements.namedItem("edit_token")
    const csrf = form.elements.namedItem("csrfmiddlewaretoken")
    let timer = null
    let firstChange = 0
    let lastKept = null
    let stopped = false

    const isField = (element) =>
      element.name &&
      !SKIPPED.has(element.name) &&
      !element.name.includes("__prefix__") &&
      !element.name.startsWith("initial-") &&
      !element.disabled &&
      element.type !== "file" &&
      element.type !== "submit" &&
      element.type !== "button" &&
      !element.closest("dialog")

    // The form as the browser would post it, less files and tokens: name to text or texts.
    const fields = () => {
      const kept = {}
      for (const element of form.elements) {
        if (!isField(element)) continue
        let values
        if (element.type === "checkbox" || element.type === "radio") {
          if (!element.checked) continue
          values = [element.value]
        } else if (element.tagName === "SELECT") {
          values = [...element.selectedOptions].map((option) => option.value)
          if (!element.multiple && values.length === 0) continue
        } else {
          values = [element.value]
        }
        const before = kept[element.name]
        const all = before === undefined ? values : [].concat(before, values)
        kept[element.name] = element.multiple || all.length > 1 ? all : all[0]
      }
      return kept
    }

    const say = (text) => {
      if (status) status.textContent = text
    }

    const headers = () => ({
      "Content-Type": "application/json",
      Accept: "application/json",
      "X-CSRFToken": csrf ? csrf.value : "",
    })

    const keep = async ({ leaving = false } = {}) => {
      clearTimeout(timer)
      timer = null
      firstChange = 0
      if (stopped || !token) return
      const now = JSON.stringify(fields())
      if (now === lastKept) return
      const body = JSON.stringify({ token: token.value, fields: JSON.parse(now) })
      try {
        const response = await fetch(box.dataset.autosaveUrl, {
          method: "POST",
          headers: headers(),
          body,
          credentials: "same-origin",
          // A page being closed may still send a small form.
          keepalive: leaving && body.length < 60000,
        })
        if (response.ok) {
          lastKept = now
          const answer = await response.json()
          say(`Unsaved changes kept for you at ${answer.saved}.`)
        } else if (response.status === 422) {
          // Text a save would refuse too (nested too deep): the server says which and why.
          const answer = await response.json().catch(() => ({}))
          say(answer.error || "Your latest changes could not be kept: save the form to see why.")
        } else {
          say("Your latest changes could not be kept: save the form to keep them.")
        }
      } catch (error) {
        say("Offline: your latest changes are not kept yet. They will be when you are back.")
      }
    }

    const changed = () => {
      if (stopped) return
      const now = Date.now()
      if (!firstChange) firstChange = now
      clearTimeout(timer)
      const wait = Math.max(0, Math.min(PAUSE, firstChange + MAX_WAIT - now))
      timer = setTimeout(keep, wait)
    }

    // What the page loaded with counts as kept: only the editor's changes are sent. The
    // editors tidy their text as they start, so that is read once they have.
    const settle = () => {
      lastKept = JSON.stringify(fields())
    }
    setTimeout(settle, 0)
    document.addEventListener("prose-editor:ready", () => {
      if (!timer) setTimeout(settle, 0)
    })

    form.addEventListener("input", changed)
    form.addEventListener("change", changed)
    document.addEventListener("formset:added", changed)
    document.addEventListener("formset:removed", changed)
    if (window.django && window.django.jQuery) {
      window.django.jQuery(form).on("select2:select select2:unselect", changed)
    }
    // The form's own save deletes what was kept: nothing more is sent after it.
    form.addEventListener("submit", () => {
      stopped = true
      clearTimeout(timer)
    })
    window.addEventListener("pagehide", () => {
      if (timer) keep({ leaving: true })
    })

    // The offer to restore what was kept before.
    const offer = document.getElementById("autosave-offer")
    if (!offer) return
    document.getElementById("autosave-noscript").hidden = true
    document.getElementById("autosave-actions").hidden = false
    const heading = document.getElementById("autosave-heading")

    const addRows = (prefix, wanted) => {
      const total = form.elements.namedItem(`${prefix}-TOTAL_FORMS`)
      const group = document.getElementById(`${prefix}-group`)
      const add = group && group.querySelector(".add-row a")
      let guard = 100
      while (total && add && Number(total.value) < wanted && guard--) add.click()
    }

    const ensureOptions = (select, values, labels) => {
      for (const value of values) {
        if (!value || [...select.options].some((option) => option.value === value)) continue
        const label = (labels || []).find(([id]) => id === value)
        select.add(new Option(label ? label[1] : value, value))
      }
    }

    const fill = (kept, options) => {
      for (const [name, value] of Object.entries(kept)) {
        if (name.endsWith("-TOTAL_FORMS")) addRows(name.slice(0, -"-TOTAL_FORMS".length), value)
      }
      const selects = []
      for (const element of form.elements) {
        if (!isField(element)) continue
        const value = kept[element.name]
        const values = value === undefined ? [] : [].concat(value)
        if (element.type === "checkbox") {
          element.checked = values.includes(element.value)
        } else if (element.type === "radio") {
          if (value !== undefined) element.checked = values.includes(element.value)
        } else if (element.tagName === "SELECT") {
          if (value === undefined && !element.multiple) continue
          ensureOptions(element, values, options[element.name])
          for (const option of element.options) option.selected = values.includes(option.value)
          selects.push(element)
        } else if (value !== undefined) {
          element.value = values[0]
          const editor = element.tagName === "TEXTAREA" && editorOf(element)
          if (editor) editor.commands.setContent(values[0] || "")
        }
      }
      const jQuery = window.django && window.django.jQuery
      if (jQuery) for (const select of selects) jQuery(select).trigger("change")
    }

    const restore = async () => {
      try {
        const response = await fetch(box.dataset.autosaveUrl, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        })
        if (!response.ok) throw new Error(String(response.status))
        const kept = await response.json()
        fill(kept.fields, kept.options || {})
        token.value = kept.token
        lastKept = JSON.stringify(fields())
        offer.remove()
        say(`Restored your changes from ${kept.saved}. Save the form to keep them in the article.`)
        form.dispatchEvent(new Event("input", { bubbles: true }))
        status.setAttribute("tabindex", "-1")
        status.focus()
      } catch (error) {
        heading.textContent = "Your unsaved changes could not be restored just now: try again."
      }
    }

    const discard = async () => {
      try {
        const response = await fetch(box.dataset.discardUrl, {
          method: "POST",
          headers: headers(),
          credentials: "same-origin",
        })
        if (!response.ok) throw new Error(String(response.status))
        offer.remove()
        say("The unsaved changes were discarded.")
      } catch (error) {
        heading.textContent = "The unsaved changes could not be discarded just now: try again."
      }
    }

    document.getElementById("autosave-restore").addEventListener("click", restore)
    document.getElementById("autosave-discard").addEventListener("click", discard)
  })
})()
