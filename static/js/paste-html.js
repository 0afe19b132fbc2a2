// "Add cross-posted piece": keep the formatting of a paste. A textarea receives only the plain
// text of the clipboard; this copies the clipboard's HTML, when it offers some, into a hidden
// field the server cleans instead. Without JavaScript the plain text is used.
"use strict"

document.addEventListener("DOMContentLoaded", () => {
  const area = document.getElementById("id_pasted")
  const html = document.getElementById("id_pasted_html")
  const status = document.getElementById("paste-status")
  if (!area || !html) return

  const say = (message) => {
    if (!status) return
    status.textContent = message
    status.hidden = !message
  }

  area.addEventListener("paste", (event) => {
    const pastedHtml = event.clipboardData ? event.clipboardData.getData("text/html") : ""
    const replacesAll = area.selectionStart === 0 && area.selectionEnd === area.value.length
    if (pastedHtml && replacesAll) {
      html.value = pastedHtml
      say("Formatting kept from the clipboard: headings, lists, links, bold and italic.")
    } else {
      html.value = ""
      say(pastedHtml ? "Pasted into existing text: only the plain text will be used." : "")
    }
  })

  area.addEventListener("input", (event) => {
    if (event.inputType === "insertFromPaste" || !html.value) return
    html.value = ""
    say("The text was edited after pasting, so its plain text will be used.")
  })
})
