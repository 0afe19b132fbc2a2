"""Links and hostile markup in a paste: addresses in plain text, links unwrapped from redirects
and cleaned of tracking, tag pages of other sites and hashtags; hostile, unreadable or absurdly
nested markup leaves only its text."""

import pytest

from articles.crosspost.cleaning import clean_paste


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


@pytest.mark.parametrize(
    "href",
    [
        "https://www.linkedin.com@evil.example/pulse/piece",
        "https://dana:secret@northwind.example/report",
        "https://www.linkedin.com/redir/redirect?url=https%3A%2F%2Fnews.example%40evil.example%2F",
    ],
)
def test_a_link_naming_a_user_before_its_host_keeps_only_its_text(href):
    # Read at a glance, "https://www.linkedin.com@evil.example/" is LinkedIn's; it leads to
    # evil.example.
    piece = clean_paste(html=f'<h1>Title</h1><p>Read <a href="{href}">the report</a>.</p>')

    assert piece.body == "<p>Read the report.</p>"
    assert "Removed 1 link that was not a web address." in piece.notes


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


def test_a_shared_video_link_in_a_post_loses_who_shared_it():
    piece = clean_paste(
        text="Title\n\nWatch the talk: https://youtu.be/dQw4w9WgXcQ?si=AbCdEfGh12345 and tell me."
    )

    assert piece.body == (
        '<p>Watch the talk: <a href="https://youtu.be/dQw4w9WgXcQ" rel="noopener noreferrer">'
        "https://youtu.be/dQw4w9WgXcQ</a> and tell me.</p>"
    )


def test_markup_nested_absurdly_deep_keeps_its_words():
    piece = clean_paste(html="<p>Title</p>" + "<div><span>" * 3000 + "Deep words")

    assert piece.body == "<p>Deep words</p>"


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
