"""Spoiler passages in rich text: the one form they are stored in, and how stored text is
rendered and stripped with them (`newsroom.spoiler_markup`)."""

import pytest

from newsroom.richtext import sanitize_html
from newsroom.spoiler_markup import (
    SpanRewriter,
    render_spoilers,
    spoiler_passages,
    strip_spoilers,
)


def test_a_spoiler_passage_survives_sanitising_in_its_one_storage_form():
    html = '<p>The <span class="spoiler" style="color:red" onclick="x()">captain sinks</span>.</p>'

    assert sanitize_html(html) == '<p>The <span class="spoiler">captain sinks</span>.</p>'


def test_other_spans_and_classes_are_unwrapped_keeping_their_text():
    html = '<p><span>plain</span> <span class="evil spoiler">marked</span> <span class="x">y</span>'

    assert sanitize_html(html + "</p>") == '<p>plain <span class="spoiler">marked</span> y</p>'


LINK = '<a href="https://example.com/recap" rel="noopener noreferrer">'


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # Marked on linked words, as the editor stored it while its Link mark outranked Spoiler.
        (
            '<p>The end: <a href="https://example.com/recap"><span class="spoiler">the captain '
            "sinks</span></a>.</p>",
            f'<p>The end: <span class="spoiler">{LINK}the captain sinks</a></span>.</p>',
        ),
        # One passage over a link, bold and italic words: one span, the marks inside it.
        (
            '<p>In the end <span class="spoiler">the captain </span><a href="https://example.com/'
            'recap"><span class="spoiler">sinks</span></a><strong><span class="spoiler"> the '
            '</span><em><span class="spoiler">ferry</span></em></strong>.</p>',
            f'<p>In the end <span class="spoiler">the captain {LINK}sinks</a><strong> the <em>'
            "ferry</em></strong></span>.</p>",
        ),
        # A passage on some of a link's words: the link goes on either side of it and inside it.
        (
            '<p><a href="https://example.com/recap">a recap <span class="spoiler">of the '
            "finale</span> here</a></p>",
            f'<p>{LINK}a recap </a><span class="spoiler">{LINK}of the finale</a></span>{LINK} '
            "here</a></p>",
        ),
        # A passage around paragraphs is one in each of them.
        (
            '<span class="spoiler"><p>One.</p><p>Two.</p></span>',
            '<p><span class="spoiler">One.</span></p><p><span class="spoiler">Two.</span></p>',
        ),
    ],
)
def test_a_spoiler_passage_is_stored_whole_outside_the_marks_on_its_words(html, expected):
    assert sanitize_html(html) == expected
    assert sanitize_html(expected) == expected


def test_passages_parted_by_words_a_space_or_a_line_break_stay_apart():
    html = (
        '<p><span class="spoiler">one</span> <span class="spoiler">two</span><br><span '
        'class="spoiler">three</span>, <strong><span class="spoiler">four</span></strong></p>'
        '<p><span class="spoiler">five</span></p>'
    )

    assert spoiler_passages(sanitize_html(html)) == ["one", "two", "three", "four", "five"]


def test_a_passage_stored_inside_a_link_is_rendered_as_one_control_outside_it():
    # Stored so before the sanitiser moved passages out of links and joined their pieces.
    stored = (
        f'<p>In the end <span class="spoiler">the captain </span>{LINK}<span class="spoiler">'
        'sinks</span></a><span class="spoiler"> the ferry</span>.</p>'
    )

    rendered = render_spoilers(stored)

    assert rendered == render_spoilers(sanitize_html(stored))
    assert rendered.count('<input type="checkbox"') == 1
    assert rendered.startswith('<p>In the end <span class="spoiler" data-nosnippet><input')
    assert rendered.endswith(
        f'<span class="spoiler__text" id="spoiler-1-text" hidden>the captain {LINK}sinks</a> '
        "the ferry</span></span>.</p>"
    )


def test_spoiler_passages_are_found_stripped_and_rendered_hidden():
    html = sanitize_html(
        '<p>Before <span class="spoiler">the <em>captain</em> &amp; crew</span> after.</p>'
    )

    assert spoiler_passages(html) == ["the captain & crew"]
    assert "captain" not in strip_spoilers(html)
    rendered = render_spoilers(html, id_prefix="body-spoiler")
    assert '<span class="spoiler" data-nosnippet>' in rendered
    assert (
        '<input type="checkbox" role="switch" class="spoiler__toggle" id="body-spoiler-1" '
        'aria-controls="body-spoiler-1-text">' in rendered
    )
    assert '<label class="spoiler__label" for="body-spoiler-1">' in rendered
    assert (
        '<span class="spoiler__text" id="body-spoiler-1-text" hidden>the <em>captain</em> &amp; '
        "crew</span></span>" in rendered
    )


# Rich text as editors, pastes and imports store it, none with a spoiler passage.
WITHOUT_PASSAGES = [
    "<h2>Heading</h2><p><strong>Bold</strong>, <em>italic</em>, <s>struck</s>.</p>",
    '<p>A <a href="https://example.com/?a=1&amp;b=2" title="Q&amp;A \'here\'">link</a></p>',
    "<p>Fish &amp; chips &lt;3, caf\u00e9&nbsp;cr\u00e8me \u2014 \u201cquoted\u201d &#169;</p>",
    '<ol start="3"><li>Three<br>still three</li></ol><hr><blockquote><p>Q</p></blockquote>',
    '<figure class="figure"><img src="/media/articles/a.jpg" alt="A &quot;view&quot;"'
    ' width="800" height="600"><figcaption class="figure-caption">View</figcaption></figure>',
    '<p><img src="https://elsewhere.example/a.jpg" alt="Dropped">After</p>',
    "<P CLASS=x>Shouted <B>tags</B><BR/>and a <!-- comment --> or two</P>",
    "<p>  spaced   out  </p>\n\n<p>\ttabbed</p>",
    '<p><span>plain span</span> and <span class="other">another</span></p>',
    '<script>alert(1)</script><p onclick="x()">handled</p>',
]


@pytest.mark.parametrize("html", WITHOUT_PASSAGES)
def test_stored_rich_text_without_a_spoiler_passage_is_rendered_as_stored(html):
    stored = sanitize_html(html)
    assert "<span" not in stored
    # A passage after it makes the renderer rewrite all of the text, which it skips without one.
    rewritten = render_spoilers(stored + '<p><span class="spoiler">x</span></p>')

    assert rewritten.startswith(stored)
    assert '<span class="spoiler" data-nosnippet>' in rewritten[len(stored) :]
    assert render_spoilers(stored) == stored


WITH_PASSAGES = [
    '<p>Before <span class="spoiler">the <em>captain</em> &amp; crew</span> after.</p>',
    '<p><span class="spoiler">First</span></p><h2>Then</h2><p><span class="spoiler">two'
    '</span> and <span class="spoiler">three</span></p>',
    '<ul><li><span class="spoiler">A <a href="https://example.com/?a=1&amp;b=2">link</a>'
    "</span></li></ul>",
    '<p>An &lt;em&gt; in words and <span class="spoiler">caf\u00e9&nbsp;cr\u00e8me</span></p>',
]


@pytest.mark.parametrize("html", WITH_PASSAGES)
def test_stored_passages_are_rendered_as_a_full_rewrite_renders_them(html):
    stored = sanitize_html(html)
    # The same text in a form only the full rewrite reads: a space before a tag's end.
    other_form = stored.replace('<span class="spoiler">', '<span class="spoiler" >')
    assert other_form != stored

    rendered = render_spoilers(stored, id_prefix="body-spoiler")

    assert rendered == render_spoilers(other_form, id_prefix="body-spoiler")
    assert rendered.count('<span class="spoiler" data-nosnippet>') == stored.count("<span")
    assert 'id="body-spoiler-1"' in rendered


@pytest.mark.parametrize("html", WITHOUT_PASSAGES)
def test_stored_rich_text_without_a_spoiler_passage_is_stripped_to_itself(html):
    stored = sanitize_html(html)
    # A passage in a form only the full rewrite reads makes it rewrite all of the text.
    rewritten = strip_spoilers(stored + '<p><span class="spoiler" >x</span></p>', stored=True)

    assert strip_spoilers(stored, stored=True) == stored == strip_spoilers(stored)
    assert rewritten == stored + "<p> </p>"


@pytest.mark.parametrize("html", WITH_PASSAGES)
def test_stored_passages_are_stripped_as_a_full_rewrite_strips_them(html):
    stored = sanitize_html(html)
    other_form = stored.replace('<span class="spoiler">', '<span class="spoiler" >')

    stripped = strip_spoilers(stored, placeholder="[spoiler]", stored=True)

    assert stripped == strip_spoilers(other_form, placeholder="[spoiler]", stored=True)
    assert stripped == strip_spoilers(stored, placeholder="[spoiler]")
    assert stripped.count("[spoiler]") == stored.count("<span")
    assert "<span" not in stripped
    assert spoiler_passages(stored)
    assert not any(passage in stripped for passage in spoiler_passages(stored))


@pytest.mark.parametrize(
    "html",
    [
        # Text not yet sanitised, as a save hands it to the search index before the field
        # sanitises it: only a parser sees that these tags are not what they look like.
        '<p><span class="spoiler">Rosebud<!--</span>--> is the sled<!--<span class="spoiler">'
        "--></span></p>",
        '<p><span class="spoiler">the <a title="</span>">sled</a></span></p>',
        '<p><span class="spoiler">the sled<script></span></script></span></p>',
    ],
)
def test_text_not_yet_stored_is_stripped_by_the_parser(html):
    stripped = strip_spoilers(html)

    assert "sled" not in stripped
    assert stripped == SpanRewriter.run(html, mode="strip")


@pytest.mark.parametrize(
    ("html", "expected_text"),
    [
        # Never stored so, but rendered as the sanitiser would have kept them.
        ('<p><span class="spoiler">a <span class="spoiler">b</span> c</span></p>', "a b c"),
        ('<p><span class="spoiler">a <span>b</span> c</span></p>', "a b c"),
        ('<p><SPAN class="spoiler">a b c</SPAN></p>', "a b c"),
    ],
)
def test_spans_in_another_form_than_the_stored_one_are_still_rendered_whole(html, expected_text):
    rendered = render_spoilers(html)

    assert rendered.count('<span class="spoiler" data-nosnippet>') == 1
    assert (
        f'<span class="spoiler__text" id="spoiler-1-text" hidden>{expected_text}</span></span></p>'
        in rendered
    )
    assert rendered.count("<span") == rendered.count("</span>")


def test_stripped_spoilers_can_leave_a_visible_placeholder():
    html = sanitize_html('<p>Before <span class="spoiler">the <em>captain</em></span> after.</p>')

    assert strip_spoilers(html, placeholder="[spoiler]") == "<p>Before [spoiler] after.</p>"
    assert strip_spoilers(html, placeholder="<b>") == "<p>Before &lt;b&gt; after.</p>"
