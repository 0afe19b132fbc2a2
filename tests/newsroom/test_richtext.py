import pytest
from django_prose_editor.config import allowlist_from_extensions

from newsroom.richtext import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, EDITOR_EXTENSIONS, sanitize_html


def test_sanitiser_keeps_the_formatting_editors_use():
    html = (
        "<h2>Heading</h2><p><strong>Bold</strong>, <em>italic</em> and "
        '<a href="https://example.com/">a link</a>.</p><ul><li>One</li></ul>'
        "<blockquote><p>Quoted</p></blockquote>"
    )

    cleaned = sanitize_html(html)

    assert "<h2>Heading</h2>" in cleaned
    assert "<strong>Bold</strong>" in cleaned
    assert "<em>italic</em>" in cleaned
    assert '<a href="https://example.com/" rel="noopener noreferrer">a link</a>' in cleaned
    assert "<ul><li>One</li></ul>" in cleaned
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


def test_the_editor_offers_nothing_the_sanitiser_would_strip():
    editor = allowlist_from_extensions(EDITOR_EXTENSIONS)

    assert editor["tags"] <= ALLOWED_TAGS
    for tag, attributes in editor.get("attributes", {}).items():
        # `rel` is added by the sanitiser itself; `data-type` is editor-internal.
        assert set(attributes) - {"rel", "data-type", "type"} <= ALLOWED_ATTRIBUTES.get(tag, set())
