"""Make the corpus's formatted and plain copies as Chromium puts them on the clipboard.

Each page in `pages/` is laid out and styled like the platform it stands for. Chromium opens it,
selects from the element marked `data-copy-from` to the one marked `data-copy-to` (as staff drag
over a piece), copies with Ctrl+C and pastes into a textarea; the clipboard's `text/html` and
`text/plain` are written next to this file as `<page>.html` and `<page>.txt`.

    .venv/bin/python -m tests.articles.crosspost.corpus.capture [PAGE ...]

Needs Chromium at /usr/bin/chromium and the playwright package; reads nothing from the network.
"""

import sys
from pathlib import Path

from newsroom.demo.screenshots import CHROMIUM, CHROMIUM_ARGS

HERE = Path(__file__).parent
PAGES = HERE / "pages"

SELECT = """() => {
  const range = document.createRange();
  range.setStartBefore(document.querySelector("[data-copy-from]"));
  range.setEndAfter(document.querySelector("[data-copy-to]"));
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}"""
RECEIVER = """<textarea id="paste"></textarea><script>
document.getElementById("paste").addEventListener("paste", (event) => {
  window.pasted = {
    html: event.clipboardData.getData("text/html"),
    text: event.clipboardData.getData("text/plain"),
  };
});
</script>"""


def capture(names: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_context().new_page()
        # Nothing the pages name may be fetched: they stand alone.
        page.route("**/*", lambda route: route.abort())
        for name in names:
            page.set_content((PAGES / f"{name}.html").read_text(encoding="utf-8"))
            page.evaluate(SELECT)
            page.keyboard.press("Control+C")
            page.set_content(RECEIVER)
            page.click("#paste")
            page.keyboard.press("Control+V")
            pasted = page.evaluate("window.pasted")
            (HERE / f"{name}.html").write_text(pasted["html"] + "\n", encoding="utf-8")
            (HERE / f"{name}.txt").write_text(pasted["text"] + "\n", encoding="utf-8")
            sizes = f"{len(pasted['html'])} characters of HTML, {len(pasted['text'])} of text"
            print(f"{name}: {sizes}")
        browser.close()


if __name__ == "__main__":
    capture(sys.argv[1:] or sorted(path.stem for path in PAGES.glob("*.html")))
