"""The report of a cleaning: every line removed or moved, and the notes told after it."""

from collections import Counter
from dataclasses import dataclass

from django.utils.text import Truncator

# Why a line left the text, as the check step groups them.
WHY = {
    "header": "The author's card above the piece (name, title, date, follow)",
    "reactions": "Reactions, counts and the platform's buttons",
    "trailer": "The platform's page after the piece (comments, more posts)",
    "footer": "The author's card under the piece (name, title, followers)",
    "hashtags": "Hashtags at the end",
    "topics": "The platform's topic tags",
    "image": "A picture's description and caption",
    "controls": "Buttons, forms and menus",
    "moved": "Moved out of the text into the fields above",
}


@dataclass
class Removed:
    """A line of the paste that is not in the text: `html` is what goes back if the editor
    keeps it ("" when nothing can), `order` where it sat among the blocks."""

    why: str
    text: str
    html: str = ""
    order: float = 0.0


class Report:
    """What the cleaner removed or moved: each line, and sentences for the person who pasted."""

    def __init__(self):
        self.counts: Counter[str] = Counter()
        self.removed: list[Removed] = []
        # Text of links to the platform's hashtag and topic pages.
        self.tag_texts: set[str] = set()
        self.moved: list[str] = []

    def count(self, what: str, number: int = 1) -> None:
        self.counts[what] += number

    def remove(self, why: str, text: str, *, html: str = "", order: float = 0.0) -> None:
        text = " ".join(text.split())
        if text:
            self.removed.append(Removed(why, text, html, order))

    def texts(self, *whys: str) -> list[str]:
        return [line.text for line in self.removed if line.why in whys]

    def notes(self) -> list[str]:
        notes = list(self.moved)
        chrome = list(dict.fromkeys(Truncator(t).chars(40) for t in self.texts("reactions")))
        if chrome:
            shown = ", ".join(f"“{label}”" for label in chrome[:6])
            more = f" and {len(chrome) - 6} more" if len(chrome) > 6 else ""
            notes.append(f"Removed platform chrome: {shown}{more}.")
        if self.texts("header"):
            notes.append("Removed the author's name, title and date shown above the piece.")
        if self.texts("footer"):
            notes.append("Removed the author's card shown under the piece.")
        if self.texts("trailer"):
            notes.append("Removed what the platform showed after the piece (comments, more posts).")
        if hashtags := self.texts("hashtags"):
            notes.append(f"Removed the hashtags at the end: {' '.join(hashtags)}.")
        if topics := self.texts("topics"):
            notes.append(f"Removed the platform's topic tags: {', '.join(topics)}.")
        phrases = {
            "scripts": "Removed scripts and styles.",
            "images": "Removed %d image: add pictures in the editor.",
            "embeds": "Removed %d embedded player or frame.",
            "controls": "Removed %d button, form or menu.",
            "redirects": "Replaced %d redirect link with the page it leads to.",
            "tracking": "Removed tracking parameters from %d link.",
            "tag links": "Turned %d hashtag link into plain text.",
            "unsafe links": "Removed %d link that was not a web address.",
            "short links": "Kept %d shortened link (lnkd.in, t.co…): check where it leads.",
            "empty": "Removed %d empty paragraph or element.",
            # The editor's headings have none: one the text refers to by number is typed in.
            "heading numbers": "Removed Word's automatic number from %d heading.",
        }
        for key, sentence in phrases.items():
            number = self.counts[key]
            if not number:
                continue
            notes.append(sentence if "%d" not in sentence else _plural(sentence, number))
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
        " automatic number from": " automatic numbers from",
        " heading.": " headings.",
    }
    for singular, plural in replacements.items():
        text = text.replace(singular, plural)
    return text
