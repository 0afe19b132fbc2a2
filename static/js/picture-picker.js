// The rich-text editor's picture picker: "Use this picture" hands the picture's address, alt
// text and caption back to the "Insert figure" dialog that opened this window (the editor's
// CKEditor-style callback, numbered by CKEditorFuncNum), then closes the window. Opened some
// other way, the buttons stay hidden and each picture's address is there to copy.
"use strict"

document.addEventListener("DOMContentLoaded", () => {
  const number = new URLSearchParams(window.location.search).get("CKEditorFuncNum")
  const opener = window.opener
  const callback = opener && opener.CKEDITOR && opener.CKEDITOR.tools
  if (!number || !callback) return
  for (const button of document.querySelectorAll(".picture-picker__use")) {
    button.hidden = false
    button.addEventListener("click", () => {
      callback.callFunction(Number(number), button.dataset.src, {
        alternative_text: button.dataset.alt,
        caption: button.dataset.caption,
      })
      window.close()
    })
  }
})
