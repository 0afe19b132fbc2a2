"""Word's list paragraphs made into the lists they show, and its numbered headings.

Word copies a list not as `<ol>` or `<ul>` but as paragraphs styled `mso-list:l0 level1 lfo1`,
each led by its bullet or number in a `mso-list:Ignore` span that only browsers without lists
show. `lists_from_word` rebuilds the lists in the parsed copy before it is laid out as blocks.
Headings numbered automatically ("1.", "1.2") are copied the same way; the editor's headings
are not numbered, so `numbers_off_word_headings` takes those numbers off (a number typed into a
heading's text stays).
"""

import re

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag

from .numbering import marker_numbering

_WORD_LIST_ITEM = re.compile(r"mso-list\s*:\s*l\d+\s+level(?P<level>\d+)", re.I)
_WORD_MARKER = re.compile(r"mso-list\s*:\s*ignore", re.I)
_HEADING = re.compile(r"^h[1-6]$")
# A number, letter or numeral and its "." or ")": "3.", "(b)", "iv.", "1.2."; a bullet is
# anything else ("·", "o", "§").
_WORD_NUMBER = re.compile(r"\(?(?:\w{1,6}\.){0,4}(?P<number>\w{1,6})[.)]")


def lists_from_word(soup: BeautifulSoup) -> None:
    """Make each run of Word's list paragraphs in `soup` a list: numbered or not as its
    markers are, nested by level, without the markers."""
    parents = {id(p.parent): p.parent for p in soup.find_all("p", style=_WORD_LIST_ITEM)}
    for parent in parents.values():
        # Rebuilt whole: moving paragraphs one by one costs a scan of their parent each.
        children = list(parent.contents)
        parent.clear()
        parent.extend(_with_word_lists(soup, children))


def numbers_off_word_headings(soup: BeautifulSoup) -> int:
    """Remove the automatic numbers of Word's headings in `soup`; how many there were."""
    headings = soup.find_all(_HEADING, style=_WORD_LIST_ITEM)
    return sum(_take_word_marker(heading) is not None for heading in headings)


def _with_word_lists(soup: BeautifulSoup, children: list[PageElement]) -> list[PageElement]:
    """`children` with each run of Word's list paragraphs made a list."""
    result: list[PageElement] = []
    # The lists open in the current run, outermost first, with their levels.
    lists: list[tuple[int, Tag]] = []
    for child in children:
        level = _word_list_level(child)
        if level is None:
            if not (lists and _is_blank(child)):  # a run goes on over spaces and comments
                lists = []
                result.append(child)
            continue
        number = _marker_number(_take_word_marker(child))
        tag = "ol" if number else "ul"
        # A deeper list ends here, and so does a list of the other kind at this level.
        while lists and lists[-1][0] >= level and (lists[-1][0], lists[-1][1].name) != (level, tag):
            lists.pop()
        if not lists or lists[-1][0] < level:
            new = soup.new_tag(tag)
            if number:
                # The first marker says how the list counts and where it starts: "c." is 3.
                numbering, value = number
                if value is not None:
                    new["start"] = str(value)
                if numbering:
                    new["type"] = numbering
            if lists:
                lists[-1][1].contents[-1].append(new)  # under the point above it
            else:
                result.append(new)
            lists.append((level, new))
        child.name, child.attrs = "li", {}
        lists[-1][1].append(child)
    return result


def _word_list_level(node: PageElement) -> int | None:
    if not isinstance(node, Tag) or node.name != "p":
        return None
    item = _WORD_LIST_ITEM.search(node.get("style") or "")
    return int(item["level"]) if item else None


def _is_blank(node: PageElement) -> bool:
    """Spaces, a comment or a declaration (Word's `<![if …]>`): nothing a reader sees."""
    if isinstance(node, Tag):
        return False
    return type(node) is not NavigableString or not node.strip()


def _take_word_marker(paragraph: Tag) -> str | None:
    """Remove a Word list paragraph's or heading's marker; its text, None without one."""
    marker = paragraph.find(style=_WORD_MARKER)
    if marker is None:
        return None
    text = marker.get_text().strip()
    marker.decompose()
    return text


def _marker_number(marker: str | None) -> tuple[str, int | None] | None:
    """When a marker is a number ("3.", "b)", "iv."), how its list counts and its value."""
    number = _WORD_NUMBER.fullmatch(marker or "")
    return marker_numbering(number["number"]) if number else None
