"""What rich text shows beyond its words, as lines of plain text: each bold, italic, struck,
linked or spoiler run with its words, and each picture with its address and alt text.

The revision comparison reads these beside the words (`plaintext.plain_lines`), so that a
change to formatting or alt text alone is named rather than shown as no change at all.
"""

from html.parser import HTMLParser

from newsroom.spoiler_markup import SPOILER_CLASS

_MARKS = {
    "strong": "Bold",
    "b": "Bold",
    "em": "Italic",
    "i": "Italic",
    "s": "Struck through",
    "a": "Link",
}


class _Formatting(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        # Each run or picture as [label, its words]; a run's words are gathered while it is open.
        self.lines: list[list[str]] = []
        # The runs open, innermost last: their tag and their line (None for a span that is
        # no spoiler, kept so that its end tag does not end a spoiler around it).
        self.open: list[tuple[str, list[str] | None]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            src, alt = attrs.get("src") or "", attrs.get("alt") or ""
            self.lines.append([f"Image {src}, alt text", alt])
            return
        if tag == "span":
            label = "Spoiler" if SPOILER_CLASS in (attrs.get("class") or "").split() else None
        elif tag in _MARKS:
            label = _MARKS[tag]
        else:
            return
        line = [label, ""] if label else None
        if line:
            self.lines.append(line)
        self.open.append((tag, line))

    def handle_endtag(self, tag):
        for at in range(len(self.open) - 1, -1, -1):
            if self.open[at][0] == tag:
                del self.open[at]
                return

    def handle_data(self, data):
        for _, line in self.open:
            if line:
                line[1] += data


def formatting_lines(html: str) -> str:
    """The runs and pictures of rich text, a line each: "Bold: the report", "Image
    /media/pier.jpg, alt text: A ferry"."""
    if not html:
        return ""
    parser = _Formatting()
    parser.feed(html)
    parser.close()
    lines = ((label, " ".join(words.split())) for label, words in parser.lines)
    return "\n".join(
        f"{label}: {words}" for label, words in lines if words or label.startswith("Image ")
    )
