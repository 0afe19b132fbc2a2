"""What a piece pasted from LinkedIn, Medium or plain text becomes: its headline, kind, summary,
date, warning and paragraphs, with the page around it left behind (fixtures in ./pasted/)."""

from datetime import date

import pytest

from articles.crosspost.cleaning import clean_paste, is_chrome, read_warning, split_kind_label
from tests.articles.crosspost.pastes import pasted


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


def test_plain_text_without_blank_lines_has_a_paragraph_per_line():
    piece = clean_paste(text="Headline here\nFirst paragraph.\nSecond paragraph.\n")

    assert piece.headline == "Headline here"
    assert piece.body == "<p>First paragraph.</p><p>Second paragraph.</p>"


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
