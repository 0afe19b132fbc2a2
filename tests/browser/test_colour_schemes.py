"""Public pages follow the reader's colour scheme, light or dark: in each, body text, links, the
spoiler controls and the warnings' badges keep WCAG AA contrast (4.5:1) with what is behind
them, the site's blue included, and form controls take the same scheme."""

import pytest

from tests.browser.conftest import DESKTOP
from tests.browser.pages import publish_sample

pytestmark = pytest.mark.django_db(transaction=True)

AA = 4.5

# An element's text colour, the first background that is not transparent behind it, and the
# contrast ratio of the two, as WCAG 2 defines it.
CONTRAST = """(element) => {
  const parse = (value) => {
    const parts = value.match(/[\\d.]+/g).map(Number);
    return {rgb: parts.slice(0, 3), alpha: parts.length > 3 ? parts[3] : 1};
  };
  let behind = [255, 255, 255];
  for (let node = element; node; node = node.parentElement) {
    const colour = parse(getComputedStyle(node).backgroundColor);
    if (colour.alpha > 0) { behind = colour.rgb; break; }
  }
  const linear = (v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  const luminance = ([r, g, b]) => 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  const style = getComputedStyle(element);
  const pair = [luminance(parse(style.color).rgb), luminance(behind)];
  const [light, dark] = pair.sort((a, b) => b - a);
  return {
    color: style.color,
    background: `rgb(${behind.join(", ")})`,
    ratio: Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100,
  };
}"""

# What a reader reads on each page, by selector: the first of each is measured.
READ = {
    "index": {
        "body text": ".page-header h1",
        "headline link": ".card__headline a",
        "kind": ".card__headline .kind-label",
        "byline": ".card .byline",
        "badge": ".badge--warning",
        "spoiler choice": ".spoiler-choice summary",
        "chosen kind": '.filters a[aria-current="page"]',
        "navigation link": ".site-nav a",
    },
    "article": {
        "body text": ".article__body p",
        "link in the text": ".article__body a",
        "introduction": ".article__introduction",
        "content warning": ".content-warning",
        "spoiler control": ".spoiler__button",
        "related link": ".related__list a",
        "back link": ".back-link a",
    },
}


@pytest.fixture
def sample(make_upload):
    return publish_sample(make_upload)


def measured(browser, live_server, scheme: str, sample) -> tuple[dict[str, dict], str]:
    """The contrast of what a reader reads in `scheme`, and the scheme the index's controls
    are drawn in."""
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, color_scheme=scheme)
    try:
        page = context.new_page()
        page.set_default_timeout(5000)
        found = {}
        for name, selectors in READ.items():
            page.goto(sample[name])
            for what, selector in selectors.items():
                found[f"{name}: {what}"] = page.locator(selector).first.evaluate(CONTRAST)
            if name == "article":
                page.locator(".spoiler__button").first.click()
                found["article: revealed spoiler"] = page.locator(".spoiler__text").first.evaluate(
                    CONTRAST
                )
            if name == "index":
                page.locator(".spoiler-choice summary").click()
                found["index: spoiler choice's list"] = page.locator("#hide-spoilers").evaluate(
                    CONTRAST
                )
                controls = page.locator("#hide-spoilers").evaluate(
                    "(select) => getComputedStyle(select).colorScheme"
                )
        return found, controls
    finally:
        context.close()


def test_each_scheme_keeps_text_links_spoiler_controls_and_badges_readable(
    browser, live_server, serve_media, sample
):
    light, _ = measured(browser, live_server, "light", sample)
    dark, dark_controls = measured(browser, live_server, "dark", sample)

    for scheme, found in (("light", light), ("dark", dark)):
        low = {what: seen for what, seen in found.items() if seen["ratio"] < AA}
        assert low == {}, scheme
    # The dark scheme is one: light text on a dark page, and the same choice for form controls.
    assert light["article: body text"]["background"] != dark["article: body text"]["background"]
    assert light["article: body text"]["color"] != dark["article: body text"]["color"]
    assert light["article: link in the text"]["color"] != dark["article: link in the text"]["color"]
    assert light["index: badge"]["background"] != dark["index: badge"]["background"]
    assert (
        light["article: spoiler control"]["background"]
        != dark["article: spoiler control"]["background"]
    )
    assert (
        light["index: spoiler choice's list"]["background"]
        != dark["index: spoiler choice's list"]["background"]
    )
    assert "dark" in dark_controls
