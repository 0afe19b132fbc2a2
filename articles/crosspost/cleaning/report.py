"""The report of a cleaning: what was removed or moved, counted as it goes, told as notes."""

from collections import Counter

from django.utils.text import Truncator


class Report:
    """What the cleaner removed or moved, as sentences for the person who pasted."""

    def __init__(self):
        self.counts: Counter[str] = Counter()
        self.chrome: list[str] = []
        self.hashtags: list[str] = []
        self.topics: list[str] = []
        # Text of links to the platform's hashtag and topic pages.
        self.tag_texts: set[str] = set()
        self.moved: list[str] = []

    def count(self, what: str, number: int = 1) -> None:
        self.counts[what] += number

    def removed_chrome(self, text: str) -> None:
        label = Truncator(text).chars(40)
        if label not in self.chrome:
            self.chrome.append(label)

    def notes(self) -> list[str]:
        notes = list(self.moved)
        if self.chrome:
            shown = ", ".join(f"“{label}”" for label in self.chrome[:6])
            more = f" and {len(self.chrome) - 6} more" if len(self.chrome) > 6 else ""
            notes.append(f"Removed platform chrome: {shown}{more}.")
        if self.counts["header"]:
            notes.append("Removed the author's name, title and date shown above the piece.")
        if self.counts["trailer"]:
            notes.append("Removed what the platform showed after the piece (comments, more posts).")
        if self.hashtags:
            notes.append(f"Removed the hashtags at the end: {' '.join(self.hashtags)}.")
        if self.topics:
            notes.append(f"Removed the platform's topic tags: {', '.join(self.topics)}.")
        phrases = {
            "scripts": ("Removed scripts and styles.", None),
            "images": ("Removed %d image: add pictures in the editor.", "images"),
            "embeds": ("Removed %d embedded player or frame.", "embedded players or frames"),
            "controls": ("Removed %d button, form or menu.", "buttons, forms or menus"),
            "redirects": ("Replaced %d redirect link with the page it leads to.", None),
            "tracking": ("Removed tracking parameters from %d link.", None),
            "tag links": ("Turned %d hashtag link into plain text.", None),
            "unsafe links": ("Removed %d link that was not a web address.", None),
            "short links": ("Kept %d shortened link (lnkd.in, t.co…): check where it leads.", None),
            "empty": ("Removed %d empty paragraph or element.", None),
        }
        for key, (sentence, _) in phrases.items():
            number = self.counts[key]
            if not number:
                continue
            if "%d" not in sentence:
                notes.append(sentence)
            else:
                notes.append(_plural(sentence, number))
        return notes


def _plural(sentence: str, number: int) -> str:
    text = sentence % number
    if number == 1:
        return text
    replacements = {
        " image:": " images:",
        " player or frame": " players or frames",
        " button, form or menu": " buttons, forms or menus",
        " redirect link with the page it leads to": " redirect links with the pages they lead to",
        " link.": " links.",
        " hashtag link into": " hashtag links into",
        " link that was not a web address": " links that were not web addresses",
        " shortened link (lnkd.in, t.co…): check where it leads": " shortened links (lnkd.in, "
        "t.co…): check where they lead",
        " paragraph or element": " paragraphs or elements",
    }
    for singular, plural in replacements.items():
        text = text.replace(singular, plural)
    return text
