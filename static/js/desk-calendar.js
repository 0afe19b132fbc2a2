// The editorial calendar: drag a scheduled or planned piece to another day to move it there at
// the same time of day. It posts what the piece's "Move" form would, so the server applies the
// same checks; without JavaScript the "Move" links do the same job.
"use strict"

document.addEventListener("DOMContentLoaded", () => {
  const calendar = document.querySelector("[data-calendar]")
  const form = document.getElementById("desk-move-form")
  const status = document.getElementById("desk-calendar-status")
  if (!calendar || !form) return

  let dragged = null
  const say = (message) => {
    status.textContent = message
  }

  calendar.querySelectorAll("[data-move]").forEach((entry) => {
    entry.draggable = true
    entry.addEventListener("dragstart", (event) => {
      dragged = entry
      entry.classList.add("desk-entry--dragged")
      event.dataTransfer.effectAllowed = "move"
      event.dataTransfer.setData("text/plain", entry.dataset.move)
    })
    entry.addEventListener("dragend", () => {
      entry.classList.remove("desk-entry--dragged")
      dragged = null
    })
  })

  calendar.querySelectorAll("[data-date]").forEach((day) => {
    day.addEventListener("dragover", (event) => {
      if (!dragged) return
      event.preventDefault()
      event.dataTransfer.dropEffect = "move"
      day.classList.add("desk-day--target")
    })
    day.addEventListener("dragleave", () => day.classList.remove("desk-day--target"))
    day.addEventListener("drop", (event) => {
      event.preventDefault()
      day.classList.remove("desk-day--target")
      const entry = dragged
      if (!entry || entry.closest("[data-date]") === day) return
      move(entry, day.dataset.date)
    })
  })

  async function move(entry, date) {
    const data = new FormData(form)
    data.append("when_0", date)
    data.append("when_1", entry.dataset.time)
    data.append("version", entry.dataset.version)
    say("Moving…")
    let result = {}
    let response = null
    try {
      response = await fetch(entry.dataset.move, {
        method: "POST",
        body: data,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
      result = await response.json()
    } catch {
      result = {}
    }
    if (response && response.ok) {
      window.location.reload()
      return
    }
    const errors = result.errors || ["The piece was not moved: reload the page and try again."]
    say(errors.join(" "))
  }
})
