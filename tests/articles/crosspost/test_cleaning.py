"""Cleaning pieces pasted from LinkedIn, Medium and plain text (fixtures in ./pasted/)."""

from datetime import date
from pathlib import Path

import pytest

from articles.crosspost.cleaning import clean_paste, is_chrome, read_warning, split_kind_label

PASTED = Path(__file__).parent / "pasted"


def pasted(name: str) -> str:
    return (PASTED / name).read_text(encoding="utf-8")


def test_a_linkedin_article_keeps_the_piece_and_loses_the_page_around_it():
    piece = clean_paste(
        html=pasted("linkedin_article.html"),
        base_url="https://www.linkedin.com/pulse/what-tv-show-teaches-us-work-dana/",
        author_names=["Dana Whitfield"],
    )

    assert piece.headline == "What a TV show teaches us about work"
    assert piece.warning.text == "contains spoilers for season one"
    assert piece.published_on == date(2025, 1, 14)
    assert piece.body == (
        "<p>Over the holidays, half of our office watched the same show: a slow drama about a "
        "harbour crew keeping an old ferry running for one more season.</p>"
        "<p>It is not a show about work, but it kept reminding me of <strong>what makes a team "
        "hold together</strong> when the machine they rely on is failing.</p>"
        "<h3>Three things the crew gets right</h3>"
        "<ul><li><strong>They say the bad news early.</strong> Nobody waits for the "
        "inspection.</li><li>They write things down, <em>every</em> shift.</li>"
        "<li>They fix small problems before they grow.</li></ul>"
        "<blockquote><p>“The engine does not care about our plans.”</p></blockquote>"
        '<p>We published our own numbers in the <a href="https://northwind.example/impact-report"'
        ' rel="noopener noreferrer">impact report</a>, and '
        '<a href="https://www.linkedin.com/in/marcus-ellis/" rel="noopener noreferrer">'
        "Marcus Ellis</a> wrote about the planning side.</p>"
        "<p>What show taught you something about work?</p>"
    )
    notes = " ".join(piece.notes)
    assert "Removed the author's name, title and date shown above the piece." in notes
    assert "Removed the hashtags at the end: #leadership #culture #television #teamwork." in notes
    assert "Replaced 1 redirect link with the page it leads to." in notes
    assert "Removed scripts and styles." in notes
    assert "Removed 2 images: add pictures in the editor." in notes
    assert "Moved “(Warning: contains spoilers for season one)” into the warnings." in notes


def test_a_linkedin_post_becomes_paragraphs_with_its_first_line_as_headline():
    piece = clean_paste(html=pasted("linkedin_post.html"), author_names=["Dana Whitfield"])

    assert piece.headline == "We tried an experiment this winter: no meeting without a note."
    assert piece.body == (
        "<p>Anyone who missed the meeting should be able to read the note in two minutes and "
        "know:<br>→ what was decided<br>→ what is still open, and who owns it</p>"
        "<p>Six weeks in, we have fewer meetings and shorter ones. The notes turned out to be "
        "<strong>more useful than the meetings</strong>.</p>"
        '<p>Full write-up from <a href="https://www.linkedin.com/in/marcus-ellis" '
        'rel="noopener noreferrer">Marcus Ellis</a> on our blog: <a href="https://lnkd.in/eXaMpL3"'
        ' rel="noopener noreferrer">https://lnkd.in/eXaMpL3</a></p>'
    )
    for chrome in ["1st", "342 others", "57 comments", "Repost", "see more", "hashtag", "#"]:
        assert chrome not in piece.body
    notes = " ".join(piece.notes)
    assert "Removed the hashtags at the end: #meetings #remotework #leadership." in notes
    assert "Kept 1 shortened link (lnkd.in, t.co…): check where it leads." in notes


def test_a_medium_story_gives_headline_kind_summary_and_date():
    piece = clean_paste(html=pasted("medium_story.html"), author_names=["Marcus Ellis"])

    assert (piece.headline, piece.kind) == ("Plan in seasons, not years", "op-ed")
    assert piece.dek == "Why our roadmap now has four chapters a year"
    assert piece.published_on == date(2025, 1, 14)
    assert piece.body == (
        "<p>For ten years I wrote annual plans. Every January they looked bold, and every July "
        "they looked like fiction.</p>"
        "<p>So this year we tried something else: four <em>seasons</em>, each with one goal that "
        "the whole company can name without looking it up.</p>"
        "<h2>What a season looks like</h2>"
        "<ol><li>One goal, written in a sentence.</li><li>Two or three bets that might get us "
        "there.</li><li>A review in the last week, in public.</li></ol>"
        "<blockquote><p>A plan you cannot remember is a plan you are not following.</p>"
        "</blockquote>"
        '<p>There is more in <a href="https://northwind.example/news/planning" '
        'rel="noopener noreferrer">our planning notes</a>, and in '
        '<a href="https://northwind.example/handbook/" rel="noopener noreferrer">the handbook</a>'
        ".</p>"
    )
    notes = " ".join(piece.notes)
    assert "Set the kind to Op-ed from the “Op-ed:” label." in notes
    assert "Removed the platform's topic tags: Planning, Leadership." in notes
    for chrome in ["Follow", "min read", "Listen", "Written by", "Recommended", "Followers"]:
        assert chrome not in piece.body


def test_plain_text_from_a_linkedin_post_becomes_paragraphs_lists_and_links():
    piece = clean_paste(text=pasted("linkedin_post.txt"), author_names=["Dana Whitfield"])

    assert piece.warning.text == "contains spoilers for season one"
    assert piece.headline == (
        "The finale of our office's favourite show made me rethink how we run inspections."
    )
    assert piece.body == (
        "<p>In the last episode the crew finally admits the engine has been failing for months."
        "<br>Nobody was hiding it. Everybody assumed someone else had said it out loud.</p>"
        "<p>What we changed:</p>"
        "<ul><li>Every team writes down one risk a week</li><li>Anyone can raise one, in any "
        "meeting</li><li>We read them out first, not last</li></ul>"
        '<p>Details from our safety lead: <a href="https://northwind.example/news/safety-notes" '
        'rel="noopener noreferrer">https://northwind.example/news/safety-notes</a></p>'
    )
    notes = " ".join(piece.notes)
    assert "Removed the author's name, title and date shown above the piece." in notes
    assert "Removed the hashtags at the end: #safety #leadership #television." in notes


@pytest.mark.parametrize(
    ("sentence", "link"),
    [
        (
            "It reminded me of https://en.wikipedia.org/wiki/Ship_of_Theseus_(paradox).",
            "https://en.wikipedia.org/wiki/Ship_of_Theseus_(paradox)",
        ),
        (
            "(As in https://en.wikipedia.org/wiki/Ship_of_Theseus_(paradox)), once more.",
            "https://en.wikipedia.org/wiki/Ship_of_Theseus_(paradox)",
        ),
        (
            "We wrote it down (see https://northwind.example/report) last year.",
            "https://northwind.example/report",
        ),
    ],
)
def test_an_address_in_plain_text_keeps_its_own_parentheses_and_not_the_sentences(sentence, link):
    piece = clean_paste(text=f"The ship we keep rebuilding\n\n{sentence}")

    before, after = sentence.split(link)
    assert piece.body == (
        f'<p>{before}<a href="{link}" rel="noopener noreferrer">{link}</a>{after}</p>'
    )


def test_plain_text_without_blank_lines_has_a_paragraph_per_line():
    piece = clean_paste(text="Headline here\nFirst paragraph.\nSecond paragraph.\n")

    assert piece.headline == "Headline here"
    assert piece.body == "<p>First paragraph.</p><p>Second paragraph.</p>"


@pytest.mark.parametrize(
    "payload",
    [
        '<p onclick="steal()">Kept<script>alert(1)</script></p>',
        '<p>Kept<a href="javascript:alert(1)">x</a></p>',
        '<p>Kept<a href="jav&#x09;ascript:alert(1)">x</a></p>',
        '<p style="background:url(javascript:alert(1))">Kept</p><iframe src="https://x"></iframe>',
        "<p>Kept</p><svg><script>alert(1)</script></svg><math><mi>x</mi></math>",
        "<p>Kept<img src=x onerror=alert(1)></p><style>p{}</style>",
    ],
)
def test_hostile_markup_leaves_only_the_text(payload):
    piece = clean_paste(html=f"<h1>Title</h1>{payload}")

    assert piece.body in {"<p>Kept</p>", "<p>Keptx</p>"}


@pytest.mark.parametrize(
    "href",
    [
        "http://[",
        "https://[::1",
        "//[oops]x/",
        "https://x.com:99999/",
        "https://www.linkedin.com/redir/redirect?url=http%3A%2F%2F%5B",
    ],
)
def test_a_link_whose_address_cannot_be_read_keeps_only_its_text(href):
    piece = clean_paste(html=f'<h1>Title</h1><p>Read <a href="{href}">the report</a>.</p>')

    assert piece.body == "<p>Read the report.</p>"
    assert "Removed 1 link that was not a web address." in piece.notes


def test_a_numbered_list_that_goes_on_after_a_paragraph_keeps_its_numbers():
    piece = clean_paste(
        html="<p>Five steps to a calmer Monday</p>"
        "<ol><li><p>Write the agenda.</p></li><li><p>Send it a day ahead.</p></li></ol>"
        "<p>Then, on the day itself:</p>"
        '<ol start="3"><li><p>Start on time.</p></li><li><p>End early.</p></li></ol>'
    )

    assert piece.body == (
        "<ol><li>Write the agenda.</li><li>Send it a day ahead.</li></ol>"
        "<p>Then, on the day itself:</p>"
        '<ol start="3"><li>Start on time.</li><li>End early.</li></ol>'
    )


def test_a_numbered_list_in_plain_text_starts_at_its_first_number():
    piece = clean_paste(
        text="Five steps to a calmer Monday\n\n"
        "1. Write the agenda.\n2. Send it a day ahead.\n\n"
        "Then, on the day itself:\n\n"
        "3) Start on time.\n4) End early."
    )

    assert piece.body == (
        "<ol><li>Write the agenda.</li><li>Send it a day ahead.</li></ol>"
        "<p>Then, on the day itself:</p>"
        '<ol start="3"><li>Start on time.</li><li>End early.</li></ol>'
    )


@pytest.mark.parametrize(
    "sub_points",
    [
        # Inside their point, as HTML has it.
        "<ul><li>They say the bad news early.<ul><li>At the morning briefing.</li>"
        "<li>In writing.</li></ul></li><li>They write things down.</li></ul>",
        # After it, as some editors copy them.
        "<ul><li><p>They say the bad news early.</p></li><ul><li><p>At the morning briefing.</p>"
        "</li><li><p>In writing.</p></li></ul><li><p>They write things down.</p></li></ul>",
    ],
)
def test_a_nested_list_keeps_its_sub_points_under_their_point(sub_points):
    piece = clean_paste(html=f"<p>Three things the crew gets right</p>{sub_points}")

    assert piece.body == (
        "<ul><li>They say the bad news early.<ul><li>At the morning briefing.</li>"
        "<li>In writing.</li></ul></li><li>They write things down.</li></ul>"
    )


def word_list_item(text: str, *, marker: str = "·", level: int = 1) -> str:
    """A list paragraph as Word puts it on the clipboard: its marker is text only browsers
    without list support show."""
    return (
        f"<p class=MsoListParagraphCxSpMiddle style='margin-left:{level * 0.5}in;"
        f"text-indent:-.25in;mso-list:l0 level{level} lfo1'><![if !supportLists]>"
        f"<span style='font-family:Symbol'><span style='mso-list:Ignore'>{marker}"
        "<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span>"
        f"</span></span><![endif]>{text}<o:p></o:p></p>"
    )


def test_a_list_pasted_from_word_stays_a_list():
    piece = clean_paste(
        html="<p class=MsoNormal>Three things the crew gets right<o:p></o:p></p>"
        "<p class=MsoNormal>They do three things well:<o:p></o:p></p>"
        + word_list_item("They say the bad news early.")
        + word_list_item("They write things down.")
        + "<p class=MsoNormal>That is all.<o:p></o:p></p>"
    )

    assert piece.body == (
        "<p>They do three things well:</p>"
        "<ul><li>They say the bad news early.</li><li>They write things down.</li></ul>"
        "<p>That is all.</p>"
    )


def test_a_numbered_list_from_word_keeps_its_numbers_and_sub_points():
    piece = clean_paste(
        html="<p class=MsoNormal>Five steps to a calmer Monday<o:p></o:p></p>\n"
        + word_list_item("Start on time.", marker="3.")
        + word_list_item("With the agenda on screen.", marker="o", level=2)
        + "\n"
        + word_list_item("End early.", marker="4.")
        + word_list_item("Five minutes is enough.", marker="a)", level=2)
    )

    assert piece.body == (
        '<ol start="3"><li>Start on time.<ul><li>With the agenda on screen.</li></ul></li>'
        '<li>End early.<ol type="a"><li>Five minutes is enough.</li></ol></li></ol>'
    )


def test_double_line_breaks_split_paragraphs_and_formatting_carries_over():
    piece = clean_paste(
        html="<p>Title</p><div><strong>One<br><br>Two</strong><br>still two<br><br><br>Three</div>"
    )

    assert piece.body == (
        "<p><strong>One</strong></p><p><strong>Two</strong><br>still two</p><p>Three</p>"
    )


def test_empty_elements_are_dropped_and_counted():
    piece = clean_paste(html="<p>Title</p><p>Text</p><p>&nbsp;</p><p><br></p><h2> </h2><ul></ul>")

    assert piece.body == "<p>Text</p>"
    assert "Removed 3 empty paragraphs or elements." in piece.notes


def test_styled_bold_and_italic_from_documents_become_strong_and_em():
    piece = clean_paste(
        html='<p>Title</p><p><span style="font-weight:700">Bold</span> and '
        '<span style="font-style: italic">italic</span>, <u>plain</u></p>'
    )

    assert piece.body == "<p><strong>Bold</strong> and <em>italic</em>, plain</p>"


# As Google Docs puts a document on the clipboard: all of it inside one <b> that is not bold.
GOOGLE_DOCS = (
    '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b3c">'
    '<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;">'
    '<span style="font-size:20pt;font-family:Arial;font-weight:400;">'
    "What a TV show teaches us about work</span></p><br>"
    '<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;">'
    '<span style="font-size:11pt;font-family:Arial;font-weight:400;">'
    "Over the holidays, half of our office watched the same show.</span></p><br>"
    '<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;">'
    '<span style="font-size:11pt;font-family:Arial;font-weight:400;">It kept reminding me of '
    '</span><span style="font-size:11pt;font-family:Arial;font-weight:700;">'
    "what makes a team hold together</span>"
    '<span style="font-size:11pt;font-family:Arial;font-weight:400;">.</span></p></b>'
)


def test_a_google_docs_paste_is_bold_only_where_the_document_is():
    piece = clean_paste(html=GOOGLE_DOCS, author_names=["Dana Whitfield"])

    assert piece.headline == "What a TV show teaches us about work"
    assert piece.body == (
        "<p>Over the holidays, half of our office watched the same show.</p>"
        "<p>It kept reminding me of <strong>what makes a team hold together</strong>.</p>"
    )


def test_bold_and_italic_tags_whose_style_undoes_them_are_plain_text():
    piece = clean_paste(
        html='<p>Title</p><p><b style="font-weight: 400">Plain</b>, '
        '<strong style="font-weight:normal; font-style:italic">italic</strong>, '
        '<em style="font-style:normal">plain</em> and <i>italic</i></p>'
    )

    assert piece.body == "<p>Plain, <em>italic</em>, plain and <em>italic</em></p>"


def test_inline_spoilers_survive_also_from_a_rendered_page_of_ours():
    stored = '<p>Title</p><p>Then <span class="spoiler">the ferry sinks</span>.</p>'
    rendered = (
        '<p>Title</p><p>Then <span class="spoiler" data-nosnippet><input type="checkbox" '
        'class="spoiler__toggle" id="spoiler-1"><label class="spoiler__label" for="spoiler-1">'
        '<span class="spoiler__show">Show spoiler</span><span class="spoiler__hide">Hide spoiler'
        '</span></label><span class="spoiler__text">the ferry sinks</span></span>.</p>'
    )

    expected = '<p>Then <span class="spoiler">the ferry sinks</span>.</p>'
    assert clean_paste(html=stored).body == expected
    assert clean_paste(html=rendered).body == expected


def test_a_typed_headline_is_not_repeated_as_the_first_paragraph():
    piece = clean_paste(text="Op-ed: Plan in seasons\n\nThe text.", headline="Plan in seasons")

    assert piece.headline == "Plan in seasons"
    assert piece.body == "<p>The text.</p>"


def test_a_very_long_first_line_is_shortened_for_the_headline_and_kept_in_the_text():
    first = "word " * 60
    piece = clean_paste(text=f"{first}\n\nSecond.")

    assert len(piece.headline) <= 200
    assert piece.headline.endswith("…")
    assert piece.body.startswith("<p>word word")


def test_links_are_unwrapped_from_redirects_and_cleaned_of_tracking():
    piece = clean_paste(
        html="<p>Title</p><p>"
        '<a href="https://www.google.com/url?q=https://example.org/a%3Futm_source%3Dx&sa=D">a</a> '
        '<a href="/in/dana?trk=x">b</a> '
        '<a href="mailto:press@northwind.example">c</a></p>',
        base_url="https://www.linkedin.com/pulse/x/",
    )

    assert piece.body == (
        '<p><a href="https://example.org/a" rel="noopener noreferrer">a</a> '
        '<a href="https://www.linkedin.com/in/dana" rel="noopener noreferrer">b</a> '
        '<a href="mailto:press@northwind.example" rel="noopener noreferrer">c</a></p>'
    )


@pytest.mark.parametrize(
    ("line", "kind", "headline"),
    [
        ("Op-ed: What a TV show teaches us", "op-ed", "What a TV show teaches us"),
        ("OPINION | What a TV show teaches us", "op-ed", "What a TV show teaches us"),
        ("Press release: Northwind opens in Lisbon", "press-release", "Northwind opens in Lisbon"),
        ("Lessons: what a TV show teaches us", "", "Lessons: what a TV show teaches us"),
    ],
)
def test_a_leading_kind_label_is_split_from_the_headline(line, kind, headline):
    assert split_kind_label(line) == (kind, headline)


@pytest.mark.parametrize(
    ("line", "warning"),
    [
        ("(Warning: contains spoilers for season one)", "contains spoilers for season one"),
        ("Content warning: discusses grief", "discusses grief"),
        ("(Spoiler alert!)", "contains spoilers"),
        ("Warning signs we ignored", None),
    ],
)
def test_warning_lines_are_recognised(line, warning):
    found = read_warning(line)
    assert (found.text if found else None) == warning


def test_nothing_pasted_gives_an_empty_piece():
    piece = clean_paste(html="  ", text="\n\n")

    assert (piece.body, piece.headline) == ("", "")


def test_markup_nested_absurdly_deep_keeps_its_words():
    piece = clean_paste(html="<p>Title</p>" + "<div><span>" * 3000 + "Deep words")

    assert piece.body == "<p>Deep words</p>"


@pytest.mark.parametrize(
    "line",
    [
        "1" * 40 + "x",  # digits that could be split into "counts" in countless ways
        "1 " * 2000 + "x",
        "12 reactions · " * 500 + "x",
        "like" * 5000 + "x",
        "· " * 5000 + "x",
        "👍" * 5000 + "x",
    ],
)
def test_long_lines_that_look_almost_like_chrome_are_not_chrome(line):
    # Each of these made a naive pattern backtrack for minutes.
    assert not is_chrome(line)


def test_a_long_hashtag_trailer_is_removed_whole():
    piece = clean_paste(text="Title\n\nThe text. " + "#tag " * 5000)

    assert piece.body == "<p>The text.</p>"
    assert len(piece.notes[-1]) > 5000


@pytest.mark.parametrize(
    ("href", "text"),
    [
        ("https://hbr.org/topic/subject/leadership", "HBR's leadership research"),
        ("https://github.com/northwind/ferry/releases/tag/v2.0", "the 2.0 release"),
        ("https://www.bbc.co.uk/news/topics/c302m85q5ljt", "the BBC's coverage"),
        ("https://northwind.example/survey-2025", "#1 in this year's survey"),
        ("https://northwind.example/survey-2025", "#1"),
    ],
)
def test_a_link_to_a_tag_or_topic_page_of_another_site_keeps_its_address(href, text):
    piece = clean_paste(
        html=f'<p>Title</p><p>See <a href="{href}">{text}</a> for more.</p>',
        author_names=["Dana Whitfield"],
    )

    assert f'<a href="{href}"' in piece.body
    assert not any("hashtag" in note for note in piece.notes)


@pytest.mark.parametrize(
    ("href", "text"),
    [
        ("https://www.linkedin.com/feed/hashtag/?keywords=leadership", "#leadership"),
        ("https://www.linkedin.com/feed/hashtag/leadership/", "hashtag #leadership"),
        ("/feed/hashtag/?keywords=leadership", "leadership"),
        ("https://x.com/hashtag/leadership?src=hashtag_click", "leadership"),
        ("https://twitter.com/hashtag/leadership", "leadership"),
        ("https://www.instagram.com/explore/tags/leadership/", "leadership"),
        ("https://medium.com/tag/leadership", "leadership"),
        ("https://northwind.example/search?q=leadership", "#leadership"),
    ],
)
def test_hashtag_links_become_plain_text(href, text):
    piece = clean_paste(
        html=f'<p>Title</p><p>More soon.</p><p>Read <a href="{href}">{text}</a>.</p>',
        base_url="https://www.linkedin.com/pulse/x/",
        author_names=["Dana Whitfield"],
    )

    assert "<a " not in piece.body
    assert "Turned 1 hashtag link into plain text." in piece.notes
