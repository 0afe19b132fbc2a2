"""A pair of spoiling pieces the spoiler tests share, and the marks that must never show."""

import re

from tests.factories import ArticleFactory, AuthorFactory

MARKER = "zq7-marker-the-captain-sinks-the-ferry"
HELD_MARKER = "zq8-held-body-marker"
HELD_INTRO_MARKER = "zq9-held-introduction-marker"
HIDDEN_MARKERS = (MARKER, HELD_MARKER, HELD_INTRO_MARKER)


def visible_outside_hidden_elements(html: str) -> str:
    """The page minus the contents of hidden spoiler passages and held-back text."""
    html = re.sub(
        r'<span class="spoiler__text"[^>]* hidden>.*?</span></span>', "", html, flags=re.S
    )
    return re.sub(r'<details class="held-text">.*?</details>', "", html, flags=re.S)


def make_spoiling_articles(make_upload):
    """One article with an inline spoiler and no written summary; one held behind its warning,
    introduction and text.

    Both have a picture, so link previews carry its alt text.
    """
    author = AuthorFactory(slug="dana")
    picture = {"featured_image_alt": "A ferry at its mooring"}
    inline = ArticleFactory(
        slug="inline",
        dek="",
        seo_description="",
        introduction="",
        body=f'<p>Season one ends when <span class="spoiler">{MARKER}</span>, and it works.</p>',
        spoiler_warning="contains spoilers for season one",
        spoiler_warning__subject="Low Tide at Marrow Bay",
        origin_url="https://www.linkedin.com/pulse/season-one-dana/",
        authors=[author],
        tag_names=["Television"],
        featured_image=make_upload("ferry.jpg", size=(640, 360)),
        **picture,
    )
    held = ArticleFactory(
        slug="held",
        dek="",
        seo_description="",
        introduction=f"<p>The keeper and {HELD_INTRO_MARKER} in the last episode.</p>",
        body=f"<p>{HELD_MARKER} is what happens to the crew.</p>",
        hold_behind_warning=True,
        spoiler_warning="discusses the finale in detail",
        authors=[author],
        tag_names=["Television"],
        featured_image=make_upload("crew.jpg", size=(640, 360)),
        **picture,
    )
    return inline, held
