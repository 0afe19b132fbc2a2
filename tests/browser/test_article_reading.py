"""An article, and the index, as readers with other means read them: on the narrowest phone, on
a slow connection, in the forced colours of a high-contrast theme, with a screen reader, and
with a page whose stylesheet never arrives. Spoilers stay hidden until the reader reveals them."""

import time

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)

NARROWEST = {"width": 320, "height": 640}
# Every layout shift a reader did not cause, as Cumulative Layout Shift counts them.
RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const shift of list.getEntries()) {
    if (!shift.hadRecentInput) window.__shifts.push(shift.value);
  }
}).observe({type: "layout-shift", buffered: true});
"""
SPOILER = "the captain sinks the ferry"
# Words no screen is wide enough for: an address as its own link text, a German compound, and
# a headline, summary and topic made of one long word.
LONG_ADDRESS = "https://example.com/season-one/episode-eight/recap?from=" + "newsletter" * 6
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung"


@pytest.fixture
def reading(browser, live_server, serve_media):
    contexts = []

    def open_page(**options):
        context = browser.new_context(base_url=live_server.url, viewport=NARROWEST, **options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def test_long_words_and_addresses_wrap_on_the_narrowest_phone(reading, make_upload):
    ArticleFactory(
        slug="long-words",
        headline=f"{LONG_WORD} explained",
        dek=LONG_WORD,
        body=f'<p>The recap at <a href="{LONG_ADDRESS}">{LONG_ADDRESS}</a> says '
        f'<span class="spoiler">{SPOILER} at {LONG_ADDRESS}</span>.</p><p>{LONG_WORD}.</p>',
        spoiler_warning="contains spoilers",
        featured_image=make_upload("ferry.jpg"),
        featured_image_alt="A ferry at its mooring",
        tag_names=[LONG_WORD],
    )
    page = reading(java_script_enabled=False)

    wide = {}
    for path in ("/news/long-words/", "/news/", f"/news/search/?q={LONG_WORD}"):
        page.goto(path)
        for toggle in page.locator(".spoiler__label").all():
            toggle.click()
        if (width := page.evaluate("document.documentElement.scrollWidth")) > 320:
            wide[path] = width

    assert wide == {}


def test_without_the_stylesheet_a_spoiler_stays_hidden(reading):
    # A page whose stylesheet never came (a dropped connection on a slow phone, a reader with
    # styles off, a reading mode or a text browser): the browser alone hides the passage.
    ArticleFactory(
        slug="inline",
        body=f'<p>Season one ends when <span class="spoiler">{SPOILER}</span>.</p>',
        spoiler_warning="contains spoilers",
    )
    page = reading()
    page.route("**/*.css", lambda route: route.abort())

    page.goto("/news/inline/")

    assert page.locator("link[rel=stylesheet]").count() > 0
    text = page.locator(".article__body").inner_text()
    assert SPOILER not in text
    assert "Show spoiler" in text
    assert "Hide spoiler" not in text
    # The page's script still reveals it there, and hides it again.
    page.get_by_role("button", name="Show spoiler").click()
    expect(page.get_by_text(SPOILER)).to_be_visible()
    assert "Show spoiler" not in page.locator(".article__body").inner_text()
    page.get_by_role("button", name="Hide spoiler").click()
    expect(page.get_by_text(SPOILER)).to_be_hidden()
    # With its stylesheet, the page shows the passage and "Hide spoiler" once revealed.
    styled = reading()
    styled.goto("/news/inline/")
    styled.get_by_text("Show spoiler").click()
    assert styled.get_by_text(SPOILER).is_visible()
    assert styled.get_by_text("Hide spoiler").is_visible()
    assert not styled.get_by_text("Show spoiler").is_visible()


def spoken(page) -> dict:
    """What Chromium's accessibility tree, which screen readers read, says of the focused
    control: its role, its name and its states."""
    session = page.context.new_cdp_session(page)
    focused = session.send("Runtime.evaluate", {"expression": "document.activeElement"})
    found = session.send(
        "Accessibility.getPartialAXTree",
        {"objectId": focused["result"]["objectId"], "fetchRelatives": False},
    )
    node = next(node for node in found["nodes"] if not node.get("ignored"))
    states = {prop["name"]: prop["value"].get("value") for prop in node.get("properties", [])}
    return {
        "role": node["role"]["value"],
        "name": node["name"]["value"],
        **{state: states[state] for state in ("expanded", "checked") if state in states},
    }


def test_a_spoilers_control_reads_as_a_button_that_says_whether_its_passage_is_open(reading):
    # Read as a checkbox, the open control said "Hide spoiler, checkbox, checked": checked to
    # hide, or hidden? A disclosure button says what it does and whether the passage is shown.
    ArticleFactory(
        slug="inline",
        body=f'<p>Season one ends when <span class="spoiler">{SPOILER}</span>.</p>',
        spoiler_warning="contains spoilers",
    )
    page = reading()
    page.goto("/news/inline/")
    passage = page.get_by_text(SPOILER)

    control = page.get_by_role("button", name="Show spoiler", expanded=False)
    control.focus()
    assert spoken(page) == {"role": "button", "name": "Show spoiler", "expanded": False}
    assert control.get_attribute("aria-controls") == passage.get_attribute("id")
    expect(passage).to_be_hidden()

    page.keyboard.press("Enter")
    expect(passage).to_be_visible()
    expect(page.get_by_role("button", name="Hide spoiler", expanded=True)).to_be_focused()
    assert spoken(page) == {"role": "button", "name": "Hide spoiler", "expanded": True}

    page.keyboard.press("Space")
    expect(passage).to_be_hidden()
    assert spoken(page) == {"role": "button", "name": "Show spoiler", "expanded": False}
    assert page.locator(".article__body").get_by_role("checkbox").count() == 0
    assert page.locator(".article__body").get_by_role("switch").count() == 0


def test_without_javascript_a_spoiler_is_revealed_and_hidden_again_by_its_control(reading):
    ArticleFactory(
        slug="inline",
        body=f'<p>Season one ends when <span class="spoiler">{SPOILER}</span>.</p>',
        spoiler_warning="contains spoilers",
    )
    page = reading(java_script_enabled=False)
    page.goto("/news/inline/")
    passage = page.get_by_text(SPOILER)

    page.get_by_text("Show spoiler").click()
    expect(passage).to_be_visible()
    page.get_by_text("Show spoiler").click()
    expect(passage).to_be_hidden()


def tab_to(page, control) -> None:
    """Press Tab until `control` has the focus, as a keyboard reader reaches it."""
    for _ in range(60):
        page.keyboard.press("Tab")
        if control.evaluate("(element) => element === document.activeElement"):
            return
    pytest.fail("the control cannot be reached with the Tab key")


def test_without_javascript_a_spoilers_control_reads_as_a_switch_named_for_what_it_shows(
    reading,
):
    # Without scripts the control is a checkbox, the one control that keeps a state inside a
    # sentence. Named by whichever words its label showed, it read "Hide spoiler, checkbox,
    # checked" once open: checked to hide, or hidden? As a switch named "Show spoiler" it
    # reads "on" once the passage is shown, and keeps its name.
    ArticleFactory(
        slug="inline",
        body=f'<p>Season one ends when <span class="spoiler">{SPOILER}</span>.</p>',
        spoiler_warning="contains spoilers",
    )
    page = reading(java_script_enabled=False)
    page.goto("/news/inline/")
    body = page.locator(".article__body")
    passage = page.get_by_text(SPOILER)
    control = body.get_by_role("switch", name="Show spoiler", exact=True)

    tab_to(page, control)
    assert spoken(page) == {"role": "switch", "name": "Show spoiler", "checked": "false"}
    expect(passage).to_be_hidden()
    assert SPOILER not in body.aria_snapshot()
    assert control.get_attribute("aria-controls") == passage.get_attribute("id")

    page.keyboard.press("Space")
    expect(passage).to_be_visible()
    assert spoken(page) == {"role": "switch", "name": "Show spoiler", "checked": "true"}
    assert SPOILER in body.aria_snapshot()
    assert body.get_by_role("checkbox").count() == 0

    page.keyboard.press("Space")
    expect(passage).to_be_hidden()
    assert spoken(page) == {"role": "switch", "name": "Show spoiler", "checked": "false"}
    assert SPOILER not in body.aria_snapshot()


def test_a_picture_in_the_text_keeps_its_place_while_it_loads(reading, make_upload):
    # As the editor's "Insert figure" puts a picture of the site in the text: its address and
    # alt text alone.
    source = ArticleFactory(featured_image=make_upload("ferry.jpg"), featured_image_alt="A ferry")
    ArticleFactory(
        slug="figure",
        body=f'<p>Before the picture.</p><figure class="figure"><img src="'
        f'{source.image.url_for_width(1200)}" alt="The ferry at dawn"><figcaption '
        'class="figure-caption">The first crossing</figcaption></figure>'
        + "<p>The text after the picture.</p>"
        * 8,
    )
    page = reading()
    page.context.add_init_script(RECORD_SHIFTS)

    def slowly(route):  # a phone's connection: the picture comes after the text is shown
        time.sleep(1)
        route.continue_()

    page.route("**/media/**", slowly)
    page.goto("/news/figure/")
    page.locator(".article__body img").evaluate("async (img) => await img.decode()")

    assert page.evaluate("window.__shifts") == []


def test_in_forced_colours_the_reveal_control_still_looks_like_one(reading):
    # A high-contrast theme (Windows' contrast themes) paints over every background, the
    # control's dark pill included: it needs an edge of its own not to read as the sentence.
    ArticleFactory(
        slug="inline",
        body=f'<p>Season one ends when <span class="spoiler">{SPOILER}</span>.</p>',
        spoiler_warning="contains spoilers",
    )
    page = reading()
    page.emulate_media(forced_colors="active")

    page.goto("/news/inline/")

    style, width = page.locator(".spoiler__label").evaluate(
        """(label) => {
          const style = getComputedStyle(label);
          return [style.borderTopStyle, parseFloat(style.borderTopWidth)];
        }"""
    )
    assert style == "solid"
    assert width >= 1


def test_in_forced_colours_the_index_still_shows_which_kind_is_listed(reading):
    # The chosen kind was the one pill filled with ink; a contrast theme paints every pill's
    # background alike, and the choice then showed nowhere on the screen.
    ArticleFactory(kind="op-ed")
    page = reading()
    page.emulate_media(forced_colors="active")

    page.goto("/news/?kind=op-ed")

    look = """(link) => {
      const style = getComputedStyle(link);
      return [style.backgroundColor, style.color, style.borderTopWidth, style.fontWeight];
    }"""
    kinds = page.get_by_role("navigation", name="Kinds of article")
    chosen = kinds.get_by_role("link", name="Op-ed").evaluate(look)
    others = {
        tuple(link.evaluate(look))
        for link in kinds.get_by_role("link").all()
        if link.get_attribute("aria-current") is None
    }
    (other,) = others
    # Filled, as it is in colour, with the theme's own colours for a chosen item.
    assert chosen[0] != other[0]
    assert chosen[1] != other[1]
