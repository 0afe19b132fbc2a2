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
