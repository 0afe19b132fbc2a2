import pytest
from django_prose_editor.config import allowlist_from_extensions

from newsroom.plaintext import plain_text
from newsroom.richtext import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    EDITOR_EXTENSIONS,
    has_text,
    sanitize_html,
)
from newsroom.spoiler_markup import (
    SpanRewriter,
    render_spoilers,
    spoiler_passages,
    strip_spoilers,
)


def test_sanitiser_keeps_the_formatting_editors_use():
    html = (
        "<h2>Heading</h2><p><strong>Bold</strong>, <em>italic</em> and "
        '<a href="https://example.com/">a link</a>.</p><ul><li>One<ul><li>Sub</li></ul></li></ul>'
        '<ol start="3"><li>Three</li></ol><blockquote><p>Quoted</p></blockquote>'
    )

    cleaned = sanitize_html(html)

    assert "<h2>Heading</h2>" in cleaned
    assert "<strong>Bold</strong>" in cleaned
    assert "<em>italic</em>" in cleaned
    assert '<a href="https://example.com/" rel="noopener noreferrer">a link</a>' in cleaned
    assert "<ul><li>One<ul><li>Sub</li></ul></li></ul>" in cleaned
    assert '<ol start="3"><li>Three</li></ol>' in cleaned
    assert "<blockquote><p>Quoted</p></blockquote>" in cleaned


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">click</a>',
        '<a href="jav&#x09;ascript:alert(1)">click</a>',
        '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">click</a>',
        '<p style="background:url(javascript:alert(1))">styled</p>',
        "<svg><script>alert(1)</script></svg>",
        '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>',
        '<iframe src="https://evil.example/"></iframe>',
        '<p onclick="alert(1)">click</p>',
    ],
)
def test_sanitiser_removes_scripts_handlers_and_unsafe_urls(payload):
    cleaned = sanitize_html(payload).lower()

    assert "<script" not in cleaned
    assert "javascript:" not in cleaned
    assert "data:" not in cleaned
    assert "onerror" not in cleaned
    assert "onclick" not in cleaned
    assert "style=" not in cleaned
    assert "<iframe" not in cleaned
    assert "<svg" not in cleaned


def test_an_empty_editor_document_is_stored_as_empty():
    assert sanitize_html("<p></p>") == ""
    assert sanitize_html("<p><br></p>") == ""
    assert sanitize_html(None) == ""


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("", False),
        (None, False),
        ("<p><strong> </strong></p>", False),
        ("<h2></h2><p><em>&nbsp;</em></p>", False),
        ("<p>A word.</p>", True),
        ('<p><span class="spoiler">Hidden, but text.</span></p>', True),
    ],
)
def test_rich_text_has_text_only_with_words_a_reader_would_see(html, expected):
    assert has_text(html) is expected


def test_the_editor_offers_nothing_the_sanitiser_would_strip():
    editor = allowlist_from_extensions(EDITOR_EXTENSIONS)

    assert editor["tags"] <= ALLOWED_TAGS
    for tag, attributes in editor.get("attributes", {}).items():
        # `rel` is added by the sanitiser itself; `data-type` and `data-file` are editor-internal;
        # the spoiler span's, figure's and caption's one class each is allowed by value.
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel", "data-type", "data-file"}
        if tag in ("span", "figure", "figcaption"):
            allowed |= {"class"}
        assert set(attributes) <= allowed


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<div>Line one</div><div>Line two</div>", "<p>Line one</p><p>Line two</p>"),
        (
            "<table><tr><th>Line one</th></tr><tr><td>Line two</td><td>three</td></tr></table>",
            "<p>Line one</p><p>Line two</p><p>three</p>",
        ),
        (
            '<article><div class="x">Line <b>one</b><div>Line two</div>three</div><section>'
            "<p>four</p></section></article>",
            "<p>Line <strong>one</strong></p><p>Line two</p><p>three</p><p>four</p>",
        ),
        ("<h1>One</h1><h5>Two</h5><h6>Three</h6>", "<h2>One</h2><h4>Two</h4><h4>Three</h4>"),
        (
            "<ul><li><div>One</div><div>Two</div></li></ul>",
            "<ul><li><p>One</p><p>Two</p></li></ul>",
        ),
        # A container in a paragraph ends it, as browsers read it.
        (
            "<p><strong>One<div>Two</div></strong>Three</p>",
            "<p><strong>One</strong></p><p><strong>Two</strong></p>Three<p></p>",
        ),
        ("<h2>One<div>Two</div></h2>", "<h2>One Two </h2>"),
    ],
)
def test_the_sanitiser_never_joins_two_blocks_into_one_word(html, expected):
    assert sanitize_html(html) == expected
    assert plain_text(sanitize_html(html)) == plain_text(expected)


@pytest.mark.parametrize(
    "html",
    [
        '<div onclick="x()"><script>alert(1)</script>Text</div><div style="x"><iframe></div>',
        '<section><a href="javascript:alert(1)">x</a><img src="https://t.example/p.gif"></section>',
        "<div>&lt;script&gt;alert(1)&lt;/script&gt;</div><h1>&lt;div&gt;</h1>",
        "<table><tr><td><style>p{}</style><svg><script>alert(1)</script></svg></td></tr></table>",
        '<div title="&lt;/div&gt;&lt;script&gt;alert(1)&lt;/script&gt;">x</div>',
    ],
)
def test_blocks_made_paragraphs_bring_back_nothing_the_sanitiser_removes(html):
    cleaned = sanitize_html(html)

    assert "<script" not in cleaned
    assert "javascript:" not in cleaned
    for removed in ("onclick", "style", "title", "<iframe", "<svg", "<img"):
        assert removed not in cleaned
    assert sanitize_html(cleaned) == cleaned


def test_a_picture_from_this_sites_uploads_is_kept_with_its_alt_text_and_caption():
    html = (
        '<figure class="figure" style="x"><img src="/media/articles/2025/01/ferry.jpg" '
        'alt="The ferry at dawn" width="1200" height="tall" data-file="3" onload="x()">'
        '<figcaption class="figure-caption">Photo: Harbour Trust</figcaption></figure>'
    )

    assert sanitize_html(html) == (
        '<figure class="figure"><img src="/media/articles/2025/01/ferry.jpg" '
        'alt="The ferry at dawn" width="1200"><figcaption class="figure-caption">'
        "Photo: Harbour Trust</figcaption></figure>"
    )
    assert plain_text(html) == "Photo: Harbour Trust"


@pytest.mark.parametrize(
    "src",
    [
        "https://tracker.example/pixel.gif",
        "//tracker.example/pixel.gif",
        "/media/../admin/",
        "/static/img/favicon.svg",
        "data:image/png;base64,AAAA",
        "javascript:alert(1)",
    ],
)
def test_a_picture_from_anywhere_else_is_dropped(src):
    cleaned = sanitize_html(f'<p>Before</p><figure><img src="{src}" alt="x"></figure>')

    assert "<img" not in cleaned
    assert "<p>Before</p>" in cleaned


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
