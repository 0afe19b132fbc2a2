// Inline spoilers as disclosure buttons. The page reveals a passage with a checkbox and its
// label, which works without JavaScript and reads as a switch: "Show spoiler, switch, on" once
// open. A button says what it does and whether its passage is shown: "Show spoiler, button,
// collapsed", then "Hide spoiler, button, expanded". Its words are the label's own.
"use strict";

for (const toggle of document.querySelectorAll(".spoiler > .spoiler__toggle")) {
  const label = toggle.nextElementSibling;
  const passage = label?.nextElementSibling;
  if (!label?.matches(".spoiler__label") || !passage?.matches(".spoiler__text")) continue;
  const show = label.querySelector(".spoiler__show");
  const hide = label.querySelector(".spoiler__hide");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "spoiler__label spoiler__button";
  button.setAttribute("aria-controls", passage.id);
  button.append(...label.childNodes);

  const open = (opened) => {
    button.setAttribute("aria-expanded", String(opened));
    // `hidden` as well as the stylesheet: a page whose stylesheet never came still works.
    passage.hidden = !opened;
    show.hidden = opened;
    hide.hidden = !opened;
  };
  open(toggle.checked); // as a reader left the box before the script ran
  button.addEventListener("click", () => open(button.getAttribute("aria-expanded") !== "true"));
  toggle.remove();
  label.replaceWith(button);
}
