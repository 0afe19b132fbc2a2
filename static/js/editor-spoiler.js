// The rich-text editor's "Spoiler" mark: wraps the selection in <span class="spoiler">, the one
// form the newsroom stores inline spoilers in. Public pages keep such passages hidden until the
// reader reveals them.
import { Mark, mergeAttributes } from "django-prose-editor/editor"

const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="20" height="20"
  aria-hidden="true"><path fill="currentColor" d="M12 6c3.8 0 7.2 2.1 8.8 5.5-.6 1.3-1.5 2.4-2.5
  3.3l1.4 1.4c1.4-1.3 2.5-2.9 3.1-4.7C21.1 7.1 16.9 4 12 4c-1.3 0-2.5.2-3.7.6l1.7 1.6c.6-.1 1.3-.2
  2-.2zM2.7 3.3 1.3 4.7l2.8 2.8C2.6 8.6 1.6 10 1 11.5 2.9 15.9 7.1 19 12 19c1.6 0 3.1-.3 4.5-.9l3.8
  3.8 1.4-1.4L2.7 3.3zM12 17c-3.8 0-7.2-2.1-8.8-5.5.6-1.2 1.3-2.2 2.3-3l2.2 2.2c-.1.4-.2.9-.2
  1.3 0 2.5 2 4.5 4.5 4.5.4 0 .9-.1 1.3-.2l1.3 1.3c-.9.3-1.7.4-2.6.4z"/></svg>`

export const Spoiler = Mark.create({
  name: "spoiler",
  // Marks are nested by priority, the highest outermost. Above the Link mark's 1000, a passage
  // is stored outside the links and formatting on its words, as one span however many of them
  // it covers, and its reveal control is never inside a link.
  priority: 1001,

  parseHTML() {
    return [{ tag: "span.spoiler" }]
  },

  renderHTML({ HTMLAttributes }) {
    return ["span", mergeAttributes(HTMLAttributes, { class: "spoiler" }), 0]
  },

  addCommands() {
    return {
      toggleSpoiler:
        () =>
        ({ commands }) =>
          commands.toggleMark(this.name),
    }
  },

  addKeyboardShortcuts() {
    return { "Mod-Alt-s": () => this.editor.commands.toggleSpoiler() }
  },

  addMenuItems({ buttons, menu }) {
    menu.defineItem({
      name: "spoiler",
      groups: "marks",
      command: (editor) => editor.chain().focus().toggleSpoiler().run(),
      button: buttons.svg(ICON, "Mark as spoiler (hidden until the reader reveals it)"),
      active: (editor) => editor.isActive("spoiler"),
    })
  },
})
