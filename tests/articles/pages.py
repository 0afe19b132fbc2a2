"""Reading a rendered page as a reader does: its main text, and where things are in it."""

from html import unescape

from django.utils.html import strip_tags


def page_text(response) -> str:
    """What a reader sees in the page's main content: text only, entities decoded, spaces folded."""
    return page_text_of(response.content.decode())


def page_text_of(html: str) -> str:
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(unescape(strip_tags(main)).split())


def text_positions(html: str, *fragments: str) -> list[int]:
    positions = [html.find(fragment) for fragment in fragments]
    missing = [fragment for fragment, at in zip(fragments, positions, strict=True) if at < 0]
    assert not missing, f"not on the page: {missing}"
    return positions
