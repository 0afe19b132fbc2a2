"""Preformatted text (a code block, a table laid out by spaces) in the sanitiser's first pass,
made what a paragraph shows as typed: its line breaks `<br>`, its indentation and runs of spaces
no-break spaces. `newsroom.richtext` uses it; so does reading a paste
(`articles.crosspost.cleaning.html_blocks`)."""

import re

# Preformatted text in nh3's output (its tags bare; the parser dropped the newline that may
# follow `<pre>`). Its line breaks are text, which a paragraph would show as spaces.
PREFORMATTED = re.compile(r"<pre>(.*?)</pre>", re.DOTALL)


# The spaces and tabs a line opens with, after any tags: its indentation, which a paragraph
# would fold away. A line starts the text or follows a line break, "\n" or `<br>` (as some
# editors and exports part a code block's lines), the only form nh3 writes it in.
_INDENTED_LINE = re.compile(r"(?:^|(?<=<br>))((?:<(?!br>)[^>]+>)*)([ \t]+)", re.MULTILINE)


def indentation(whitespace: str) -> str:
    """A line's opening spaces and tabs as no-break spaces (a tab as far as the next of every
    four columns), which a paragraph shows as typed: text, never markup or style."""
    return "\u00a0" * len(whitespace.expandtabs(4))


# A line break written as `<br>` and, for the source's sake, a new line after it (as editors
# and exports write a code block's lines): one line break, as a paste reads it.
_BREAK_THEN_NEW_LINE = re.compile(r"<br>((?:<(?!br>)[^>]+>|[ \t])*)\n")
_TAG = re.compile(r"<[^>]+>")


# A preformatted line's parts: its end ("\n" or `<br>`), a tag, a character written as an
# entity, a run of spaces and tabs (read whole, possessively, so a long run is read once), and
# other text.
_LINE_PARTS = re.compile(r"(\n|<br>)|(<[^>]*>)|(&[#\w]+;)|([ \t]++)|([^<&\n \t]++|[<&])")
# Tab stops: a tab reaches the next of every four columns.
TAB_SIZE = 4


def spaces_kept(html: str) -> str:
    """Preformatted HTML with each run of spaces between a line's words, and each tab there, as
    no-break spaces, which a paragraph shows as typed (the columns of a table laid out by
    spaces or tabs): a tab as far as the next of every four columns, counted from the line's
    start. A single space stays one; the tags and the spaces ending a line are left as they
    are."""
    parts: list[str] = []
    column = 0
    waiting = None  # a run of spaces on this line, by its place in `parts`, and its column
    for part in _LINE_PARTS.finditer(html):
        end, tag, entity, spaces, _ = part.groups()
        if end or tag:
            if end:
                waiting, column = None, 0
        elif spaces:
            waiting = (len(parts), column)
            column = _column_after(spaces, column=column)
        else:
            if waiting is not None:
                place, start = waiting
                parts[place] = _run_kept(parts[place], column=start)
                waiting = None
            column += 1 if entity else len(part[0])
        parts.append(part[0])
    return "".join(parts)


def _column_after(spaces: str, *, column: int) -> int:
    for character in spaces:
        column += TAB_SIZE - column % TAB_SIZE if character == "\t" else 1
    return column


def _run_kept(spaces: str, *, column: int) -> str:
    """A run of spaces and tabs between a line's words, starting at `column`."""
    if spaces == " ":
        return spaces
    return "\u00a0" * (_column_after(spaces, column=column) - column)


def lines_kept(pre: re.Match) -> str:
    lines = _BREAK_THEN_NEW_LINE.sub(lambda end: "<br>" + "".join(_TAG.findall(end[1])), pre[1])
    lines = spaces_kept(_INDENTED_LINE.sub(lambda line: line[1] + indentation(line[2]), lines))
    # The spaces ending the last line show nothing, and a paste leaves them out too.
    lines = lines.rstrip(" \t\n").replace("\n", "<br>")
    return f"<pre>{lines}</pre>"
