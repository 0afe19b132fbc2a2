"""Points parted by blank lines, as a LinkedIn post parts them, make one list: in a plain copy,
in a formatted one (a post's text is one span with <br><br> between its paragraphs), and where
a copy gives each point a list or a paragraph of its own. A paragraph between points, a list
that starts counting again or skips, and another kind of marker (another bullet symbol too:
"•" then "-", as most editors start a new list there) still part the lists, on consecutive
lines too."""

import pytest

from articles.crosspost.cleaning import clean_paste, html_from_text
from articles.models import Article
from tests.articles.crosspost.paste_page import make_draft, paste_form

HEADLINE = "Five years of night shifts taught me three things about handoffs."


def linkedin_html(text: str) -> str:
    """`text` as Chromium copies a LinkedIn post's text: one span, <br> for each line break."""
    lines = "<br>".join((HEADLINE + "\n\n" + text).split("\n"))
    return (
        '<div class="feed-shared-update-v2__description-wrapper"><div class="update-components-'
        f'text"><span class="break-words"><span dir="ltr">{lines}</span></span></div></div>'
    )


ONE_LIST = [
    pytest.param(
        "1. Write it down before you leave.\n\n2. Say it out loud to the next person.\n\n"
        "3. Stay until they say “got it”.\n\nWhich one would you add?",
        "<ol><li>Write it down before you leave.</li><li>Say it out loud to the next person."
        "</li><li>Stay until they say “got it”.</li></ol><p>Which one would you add?</p>",
        id="numbers",
    ),
    pytest.param(
        "What we changed:\n\n1) One board, not six chats.\n\n\n2) A name on every task.",
        "<p>What we changed:</p><ol><li>One board, not six chats.</li>"
        "<li>A name on every task.</li></ol>",
        id="numbers with brackets, two blank lines",
    ),
    pytest.param(
        "• Fewer meetings.\n\n• Shorter ads.\n\n• A name and a phone number.",
        "<ul><li>Fewer meetings.</li><li>Shorter ads.</li><li>A name and a phone number.</li></ul>",
        id="bullets",
    ),
    pytest.param(
        "- Fewer meetings.\n\n- Shorter ads.",
        "<ul><li>Fewer meetings.</li><li>Shorter ads.</li></ul>",
        id="hyphens",
    ),
    pytest.param(
        "– Fewer meetings.\n\n– Shorter ads.",
        "<ul><li>Fewer meetings.</li><li>Shorter ads.</li></ul>",
        id="dashes",
    ),
    pytest.param(
        "a) The engine.\n\nb) The hull.\n\nc) The crew.",
        '<ol type="a"><li>The engine.</li><li>The hull.</li><li>The crew.</li></ol>',
        id="letters",
    ),
    pytest.param(
        "i. Spring\n\nii. Summer\n\niii. Autumn\n\niv. Winter",
        '<ol type="i"><li>Spring</li><li>Summer</li><li>Autumn</li><li>Winter</li></ol>',
        id="numerals",
    ),
    pytest.param(
        "Three rules:\n1. Write it down.\n\n2. Say it out loud.",
        "<p>Three rules:</p><ol><li>Write it down.</li><li>Say it out loud.</li></ol>",
        id="a list under its paragraph's first line",
    ),
    pytest.param(
        "4. Write it down.\n\n5. Say it out loud.",
        '<ol start="4"><li>Write it down.</li><li>Say it out loud.</li></ol>',
        id="from four",
    ),
    pytest.param(
        "1. Write it down.\n\n1. Say it out loud.\n\n1. Stay until they say “got it”.",
        "<ol><li>Write it down.</li><li>Say it out loud.</li>"
        "<li>Stay until they say “got it”.</li></ol>",
        id="one number on every point",
    ),
]

LISTS_APART = [
    pytest.param(
        "1. Write it down.\n\nThen, the next morning:\n\n2. Say it out loud.",
        "<ol><li>Write it down.</li></ol><p>Then, the next morning:</p>"
        '<ol start="2"><li>Say it out loud.</li></ol>',
        id="a paragraph between",
    ),
    pytest.param(
        "1. Write it down.\n\n2. Say it out loud.\n\n1. Read the board.\n\n2. Ask.",
        "<ol><li>Write it down.</li><li>Say it out loud.</li></ol>"
        "<ol><li>Read the board.</li><li>Ask.</li></ol>",
        id="a restart at one",
    ),
    pytest.param(
        "1. Write it down.\n\n3. Say it out loud.",
        '<ol><li>Write it down.</li></ol><ol start="3"><li>Say it out loud.</li></ol>',
        id="a number skipped",
    ),
    pytest.param(
        "1. Write it down.\n\na. On paper.\n\nb. On the board.",
        "<ol><li>Write it down.</li></ol>"
        '<ol type="a"><li>On paper.</li><li>On the board.</li></ol>',
        id="numbers then letters",
    ),
    pytest.param(
        "1. Write it down.\n\n• On paper.\n\n2. Say it out loud.",
        "<ol><li>Write it down.</li></ol><ul><li>On paper.</li></ul>"
        '<ol start="2"><li>Say it out loud.</li></ol>',
        id="a bullet between numbers",
    ),
    pytest.param(
        "• Fewer meetings.\n\n1. Shorter ads.",
        "<ul><li>Fewer meetings.</li></ul><ol><li>Shorter ads.</li></ol>",
        id="a bullet then a number",
    ),
    pytest.param(
        "• Fewer meetings.\n\n• Shorter ads.\n\n- On paper.\n\n- On the board.",
        "<ul><li>Fewer meetings.</li><li>Shorter ads.</li></ul>"
        "<ul><li>On paper.</li><li>On the board.</li></ul>",
        id="bullets then hyphens",
    ),
    pytest.param(
        "• Fewer meetings.\n\nAnd for the board:\n\n- On paper.\n\n* In person.",
        "<ul><li>Fewer meetings.</li></ul><p>And for the board:</p>"
        "<ul><li>On paper.</li></ul><ul><li>In person.</li></ul>",
        id="bullets, a paragraph, hyphens then asterisks",
    ),
]


@pytest.mark.parametrize(("text", "body"), ONE_LIST)
def test_points_parted_by_blank_lines_make_one_list(text, body):
    assert clean_paste(text=f"{HEADLINE}\n\n{text}").body == body


@pytest.mark.parametrize(("text", "body"), LISTS_APART)
def test_points_that_do_not_go_on_one_another_stay_lists_apart(text, body):
    assert clean_paste(text=f"{HEADLINE}\n\n{text}").body == body


@pytest.mark.parametrize(("text", "body"), ONE_LIST + LISTS_APART)
def test_a_formatted_linkedin_copy_gives_the_lists_a_plain_one_gives(text, body):
    piece = clean_paste(html=linkedin_html(text))

    assert piece.headline == HEADLINE
    assert piece.body == body


@pytest.mark.parametrize(
    ("html", "body"),
    [
        pytest.param(
            "<p>1. Write it down.</p><p>2. Say it out loud.</p>",
            "<ol><li>Write it down.</li><li>Say it out loud.</li></ol>",
            id="a paragraph for each point",
        ),
        pytest.param(
            '<ol><li>Write it down.</li></ol><ol start="2"><li>Say it out loud.</li></ol>',
            "<ol><li>Write it down.</li><li>Say it out loud.</li></ol>",
            id="a list for each point",
        ),
        pytest.param(
            "<ul><li>Fewer meetings.</li></ul><ul><li>Shorter ads.</li></ul>",
            "<ul><li>Fewer meetings.</li><li>Shorter ads.</li></ul>",
            id="a bulleted list for each point",
        ),
        pytest.param(
            '<p><strong>1. Write it down.</strong> On the <a href="https://example.com/board">'
            "board</a>.</p><p>2. <em>Say</em> it out loud.</p>",
            '<ol><li><strong>Write it down.</strong> On the <a href="https://example.com/board" '
            'rel="noopener noreferrer">board</a>.</li><li><em>Say</em> it out loud.</li></ol>',
            id="points with their formatting",
        ),
        pytest.param(
            '<ol><li>Write it down.</li></ol><p>Then:</p><ol start="2"><li>Ask.</li></ol>',
            '<ol><li>Write it down.</li></ol><p>Then:</p><ol start="2"><li>Ask.</li></ol>',
            id="a paragraph between lists",
        ),
        pytest.param(
            "<ol><li>Write it down.</li></ol><ol><li>Read the board.</li></ol>",
            "<ol><li>Write it down.</li></ol><ol><li>Read the board.</li></ol>",
            id="a list that counts again",
        ),
        pytest.param(
            "<p>We tried it.</p><h2>1. Before you leave</h2><p>I. M. Pei planned his days.</p>",
            "<p>We tried it.</p><h2>1. Before you leave</h2><p>I. M. Pei planned his days.</p>",
            id="a numbered heading and initials stay",
        ),
    ],
)
def test_a_formatted_copy_makes_one_list_of_points_that_go_on(html, body):
    assert clean_paste(html=f"<h1>{HEADLINE}</h1>{html}").body == body


def test_a_number_inside_a_line_is_no_point_in_either_copy():
    text = "First paragraph.\n\nSecond one, 2. in a line.\n\n- not alone"

    assert (
        clean_paste(html=linkedin_html(text)).body
        == clean_paste(text=f"{HEADLINE}\n\n{text}").body
        == ("<p>First paragraph.</p><p>Second one, 2. in a line.</p><ul><li>not alone</li></ul>")
    )


@pytest.mark.django_db
def test_a_draft_made_from_a_linkedin_post_holds_one_list(admin_client):
    text = "1. Write it down.\n\n2. Say it out loud.\n\n3. Stay until they say “got it”."
    make_draft(
        admin_client,
        paste_form(new_author_name="Dana Whitfield", pasted=f"{HEADLINE}\n\n{text}"),
    )

    assert Article.objects.get().body == (
        "<ol><li>Write it down.</li><li>Say it out loud.</li><li>Stay until they say “got it”."
        "</li></ol>"
    )


@pytest.mark.parametrize("copy", ["text", "html"])
def test_a_line_taken_out_between_points_keeps_the_lists_apart_to_be_put_back(copy):
    text = "1. Write it down.\n\nLike\n\n2. Say it out loud."
    pasted = f"{HEADLINE}\n\n{text}" if copy == "text" else linkedin_html(text)
    piece = clean_paste(**{copy: pasted})

    assert (
        piece.body == '<ol><li>Write it down.</li></ol><ol start="2"><li>Say it out loud.</li></ol>'
    )
    [like] = [number for number, line in enumerate(piece.removed) if line.text == "Like"]
    assert piece.body_with({like}) == (
        '<ol><li>Write it down.</li></ol><p>Like</p><ol start="2"><li>Say it out loud.</li></ol>'
    )


# "1." on every point, as an editor numbering by itself copies them.
REPEATED_NUMBERS = [
    pytest.param(
        "1. Write it down.\n1. Say it out loud.\n1. Stay until they say “got it”.",
        "<ol><li>Write it down.</li><li>Say it out loud.</li>"
        "<li>Stay until they say “got it”.</li></ol>",
        id="on consecutive lines",
    ),
    pytest.param(
        "Three rules:\n1) Write it down.\n1) Say it out loud.\n\n1) Stay.",
        "<p>Three rules:</p><ol><li>Write it down.</li><li>Say it out loud.</li>"
        "<li>Stay.</li></ol>",
        id="under a paragraph's first line",
    ),
    pytest.param(
        "1. Write it down.\n\nThen, the next morning:\n\n1. Read the board.\n1. Ask.",
        "<ol><li>Write it down.</li></ol><p>Then, the next morning:</p>"
        "<ol><li>Read the board.</li><li>Ask.</li></ol>",
        id="a paragraph between starts a list again",
    ),
    pytest.param(
        "a. Before you leave:\n1. Write it down.\n1. Say it out loud.\nb. After you arrive.",
        '<ol type="a"><li>Before you leave:</li></ol>'
        "<ol><li>Write it down.</li><li>Say it out loud.</li></ol>"
        '<ol start="2" type="a"><li>After you arrive.</li></ol>',
        id="under a lettered point",
    ),
    pytest.param(
        "1. Write it down.\n2. Say it out loud.\n2. Ask.",
        '<ol><li>Write it down.</li><li>Say it out loud.</li></ol><ol start="2"><li>Ask.</li></ol>',
        id="a number repeated after others counts no further",
    ),
]


@pytest.mark.parametrize(("text", "body"), REPEATED_NUMBERS)
def test_points_all_numbered_alike_make_one_list_counting_on(text, body):
    assert clean_paste(text=f"{HEADLINE}\n\n{text}").body == body
    assert clean_paste(html=linkedin_html(text)).body == body


def test_an_introduction_typed_with_one_number_on_every_point_holds_one_list():
    assert html_from_text("1. Write it down.\n1. Say it out loud.") == (
        "<ol><li>Write it down.</li><li>Say it out loud.</li></ol>"
    )


# Points on consecutive lines, as a post often has them: the same rules part them.
LINES_APART = [
    pytest.param(
        "1. Write it down.\n2. Say it out loud.\n1. Read the board.\n2. Ask.",
        "<ol><li>Write it down.</li><li>Say it out loud.</li></ol>"
        "<ol><li>Read the board.</li><li>Ask.</li></ol>",
        id="a restart at one",
    ),
    pytest.param(
        "3. Write it down.\n7. Say it out loud.",
        '<ol start="3"><li>Write it down.</li></ol><ol start="7"><li>Say it out loud.</li></ol>',
        id="a number skipped",
    ),
    pytest.param(
        "1) Write it down.\n2) Say it out loud.\n1. Read the board.",
        "<ol><li>Write it down.</li><li>Say it out loud.</li></ol>"
        "<ol><li>Read the board.</li></ol>",
        id="a restart with another mark",
    ),
    pytest.param(
        "a. Before you leave:\n1. Write it down.\n2. Say it out loud.\nb. After you arrive.",
        '<ol type="a"><li>Before you leave:</li></ol>'
        "<ol><li>Write it down.</li><li>Say it out loud.</li></ol>"
        '<ol start="2" type="a"><li>After you arrive.</li></ol>',
        id="letters going on after numbers under one of them",
    ),
    pytest.param(
        "• Fewer meetings.\n• Shorter ads.\n- On paper.\n- On the board.",
        "<ul><li>Fewer meetings.</li><li>Shorter ads.</li></ul>"
        "<ul><li>On paper.</li><li>On the board.</li></ul>",
        id="a bullet then a hyphen",
    ),
    pytest.param(
        "• Fewer meetings.\nAnd for the board:\n- On paper.\n– In person.",
        "<ul><li>Fewer meetings.</li></ul><p>And for the board:</p>"
        "<ul><li>On paper.</li></ul><ul><li>In person.</li></ul>",
        id="a line between, a hyphen then a dash",
    ),
    pytest.param(
        "i. Spring\n1. Plant.\nii. Summer",
        '<ol type="i"><li>Spring</li></ol><ol><li>Plant.</li></ol>'
        '<ol start="2" type="i"><li>Summer</li></ol>',
        id="numerals going on after a number under one of them",
    ),
]


@pytest.mark.parametrize(("text", "body"), LINES_APART)
def test_points_on_consecutive_lines_that_do_not_go_on_stay_lists_apart(text, body):
    assert clean_paste(text=f"{HEADLINE}\n\n{text}").body == body
    assert clean_paste(html=linkedin_html(text)).body == body


LIKE_BETWEEN = "1. Write it down.\n\nLike\n\n1. Say it out loud.\n\n1. Stay."
LIKE_ON_A_LINE_BETWEEN = "1. Write it down.\nLike\n1. Say it out loud.\n1. Stay."


@pytest.mark.parametrize(
    "copy",
    [
        pytest.param({"text": f"{HEADLINE}\n\n{LIKE_BETWEEN}"}, id="plain, blank lines"),
        pytest.param({"html": linkedin_html(LIKE_BETWEEN)}, id="formatted, blank lines"),
        pytest.param({"text": f"{HEADLINE}\n{LIKE_ON_A_LINE_BETWEEN}"}, id="plain, lines"),
        pytest.param(
            {
                "html": "".join(
                    f"<p>{line}</p>" for line in [HEADLINE, *LIKE_ON_A_LINE_BETWEEN.split("\n")]
                )
            },
            id="formatted, a paragraph a line",
        ),
    ],
)
def test_a_line_taken_out_between_points_all_numbered_alike_leaves_them_one_list(copy):
    """Numbered "1." each, the points count on from one another, not from what they say: with
    the platform's line gone from between them, they are the one list they were."""
    piece = clean_paste(**copy)

    assert piece.body == ("<ol><li>Write it down.</li><li>Say it out loud.</li><li>Stay.</li></ol>")
    assert [line.text for line in piece.removed if line.why == "reactions"] == ["Like"]


COPIED_LIST = "<p>What we cut:</p><ul><li>Fewer meetings.</li><li>Shorter ads.</li></ul>"


@pytest.mark.parametrize(
    ("after", "body"),
    [
        pytest.param(
            "<p>• On paper.<br>• On the board.</p>",
            "<ul><li>Fewer meetings.</li><li>Shorter ads.</li><li>On paper.</li>"
            "<li>On the board.</li></ul>",
            id="bullets go on",
        ),
        pytest.param(
            "<p>- On paper.</p>",
            "<ul><li>Fewer meetings.</li><li>Shorter ads.</li></ul><ul><li>On paper.</li></ul>",
            id="a hyphen starts a list",
        ),
        pytest.param(
            "<p>And:</p><p>• On paper.</p>",
            "<ul><li>Fewer meetings.</li><li>Shorter ads.</li></ul><p>And:</p>"
            "<ul><li>On paper.</li></ul>",
            id="a paragraph between",
        ),
    ],
)
def test_bullets_typed_right_after_a_copied_list_go_on_with_it(after, body):
    """A copied list shows "•" bullets: typed "•" points right after it are more of them."""
    piece = clean_paste(html=f"<p>{HEADLINE}</p>{COPIED_LIST}{after}")

    assert piece.body == f"<p>What we cut:</p>{body}"
