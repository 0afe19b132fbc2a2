"""How deep HTML nests, read in one pass before the sanitiser parses it (`newsroom.nesting`)."""

import pytest
from django.core.exceptions import ValidationError

from newsroom.nesting import MAX_NESTING, is_nested_too_deep, nesting_depth, refuse_deep_nesting

DEEP_LISTS = "<ul><li>" * 20_000 + "words"
DEEP_DIVS = "<div>" * 20_000 + "words"


def nested_list(levels: int) -> str:
    return "<ul><li>point" * levels + "</li></ul>" * levels


@pytest.mark.parametrize("html", [DEEP_LISTS, DEEP_DIVS], ids=["lists", "divs"])
def test_twenty_thousand_levels_are_refused_naming_the_limit(html):
    with pytest.raises(ValidationError) as refusal:
        refuse_deep_nesting(html)

    assert refusal.value.code == "nested_too_deep"
    assert refusal.value.messages == [
        "This text is nested more than 512 levels deep (elements inside elements), deeper "
        "than any browser shows a page. Paste it again as plain text, or simplify it."
    ]


def test_reading_stops_once_past_the_limit():
    assert nesting_depth(DEEP_DIVS, stop_above=MAX_NESTING) == MAX_NESTING + 1
    assert nesting_depth(DEEP_DIVS) == 20_000


def test_a_list_fifty_levels_deep_is_kept():
    assert nesting_depth(nested_list(50)) == 100
    refuse_deep_nesting(nested_list(50))


def test_the_limit_itself_is_kept_and_one_more_level_refused():
    assert not is_nested_too_deep("<div>" * MAX_NESTING)
    assert is_nested_too_deep("<div>" * (MAX_NESTING + 1))
    assert not is_nested_too_deep("")


@pytest.mark.parametrize(
    ("html", "depth"),
    [
        ("<div><p><span>x</span></p></div>", 3),
        # An unclosed tag stays open: that is what makes a parser nest.
        ("<div><span>" * 300, 600),
        ("<section>x" * 600, 600),
        # Void elements, however written, hold nothing.
        ("<br>" * 20_000, 0),
        ("<br/><hr /><img src=x><wbr>" * 5_000, 0),
        # A self-closing slash opens an HTML element all the same…
        ("<div/>" * 600, 600),
        # …but closes one in an SVG picture.
        ("<svg>" + '<path d="M0 0"/>' * 2_000 + "</svg>", 1),
        # Comments hold no tags, and end where the parser ends them.
        ("<!--" + "<div>" * 20_000 + "-->", 0),
        ("<!-- open to the end" + "<div>" * 20_000, 0),
        ("<!-- ends here --!>" + "<div>" * 600 + "-->", 600),
        ("<!-->" + "<div>" * 3, 3),
        ("<!DOCTYPE html><?xml?>" + "<div>" * 3, 3),
        # Raw text holds no tags, outside an SVG picture or a formula.
        ("<script>" + "<div>" * 20_000 + "</script>", 1),
        ("<style>" + "<div>" * 20_000, 1),
        ("<textarea>" + "<div>" * 20_000 + "</textarea><div>", 1),
        ("<svg><style>" + "<g>" * 600, 602),
        # A ">" in an attribute's quotes counts the rest of the tag as tags: more, never less.
        ('<a title="<div>">' + "<i>x</i>" * 10, 2),
        ("<div" * 10_000, 0),  # never closed: no tag at all
    ],
    ids=[
        "closed",
        "unclosed",
        "unclosed-blocks",
        "br",
        "voids",
        "self-closed-div",
        "svg-paths",
        "comment",
        "unclosed-comment",
        "bang-comment-end",
        "empty-comment",
        "doctype",
        "script",
        "unclosed-style",
        "textarea",
        "svg-style",
        "quoted-gt",
        "tag-never-closed",
    ],
)
def test_hostile_shapes_are_counted_as_a_parser_nests_them(html, depth):
    assert nesting_depth(html) == depth


@pytest.mark.parametrize(
    "html",
    [
        "<p>paragraph" * 2_000,
        "<ul>" + "<li>point" * 2_000 + "</ul>",
        "<dl>" + "<dt>term<dd>meaning" * 1_000 + "</dl>",
        "<table>" + "<tr><td>a<td>b" * 1_000 + "</table>",
        "<p><b>bold, left open</p>" * 2_000,
        '<a href="/one">one<a href="/two">two' * 2_000,
        "<b><p>bold across a paragraph</b></p>" * 2_000,
        "<td>a cell outside a table" * 2_000,
        "<h2>heading<h3>another" * 2_000,
        "<p>paragraph<hr>" * 2_000,
        "<select><option>one<option>two</select>" * 2_000,
    ],
    ids=[
        "p",
        "li",
        "dt-dd",
        "td",
        "bold-left-open",
        "links",
        "misnested",
        "stray-td",
        "h",
        "hr",
        "select",
    ],
)
def test_end_tags_html_lets_out_close_what_the_parser_closes(html):
    assert nesting_depth(html) <= 6


@pytest.mark.parametrize(
    "html",
    [
        # Each paragraph's bold opened again in the next one: the parser nests all of them.
        "".join(f'<p><b title="{number}">x</p>' for number in range(2_000)),
        "<b>" * 2_000,
        # An end tag past a block element is not the parser's end of it.
        "<span><div></span>" * 1_000,
        "<div><table><td></div>" * 1_000,
        '<b title="1"><object></b>' * 1_000,
        # Formatting reopened under an inline element stays open after that element's end.
        '</sup><sup><code><code><code title="1">x' * 1_000,
        # In an SVG picture <a> is no link, and nothing ends it but its own end tag.
        "<svg><a>x" * 1_000,
    ],
    ids=[
        "bold-reopened",
        "bold",
        "span-past-div",
        "div-past-table",
        "bold-past-object",
        "reopened-under-inline",
        "svg-a",
    ],
)
def test_what_the_parser_keeps_open_is_counted(html):
    assert nesting_depth(html) >= 1_000


def test_formatting_reopened_hundreds_at_a_time_in_every_block_is_refused():
    # 500 levels (within the limit), opened again in each of 2,000 paragraphs: a million
    # elements for the parser from 50 KB.
    html = "<p>" + "".join(f'<b title="{n}">' for n in range(500)) + "x</p>"
    html += "<p><span>x</span></p>" * 2_000

    assert nesting_depth(html) == 502
    assert is_nested_too_deep(html)
    assert not is_nested_too_deep("<p><b><i>x</p>" + "<p><span>x</span></p>" * 2_000)


def test_three_alike_left_open_are_reopened_and_no_more():
    # The paragraph, three reopened and the new one: no deeper however many paragraphs.
    assert nesting_depth("<p><b>x</p>" * 2_000) == 5
