"""Screenshots of the site for the README and docs: what a reader sees of the news index, an
article and search results on a phone and a desktop, and an editor's change form with its
previews, the dashboard and the calendar.

Taken by Playwright in Debian's Chromium (never a downloaded browser) from a running site with
the demo content; `make screenshots` builds that site in `.screenshots/` and writes the pictures
to `docs/images/`, so they can be made again whenever the pages change. Each is the first screen
of its page, as the reader sees it before scrolling, saved as a small PNG.
"""

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image

CHROMIUM = Path("/usr/bin/chromium")
# Headless, and quiet on a machine without a network: no update checks, no sync.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The first screen is drawn: its pictures (lazy ones too) have arrived and its fonts are in.
# Waiting for the network to fall quiet instead costs half a second a picture, and misses the
# pictures a scrolled-to part brings into view.
FIRST_SCREEN_DRAWN = """() => document.fonts.status === "loaded" && [...document.images].every(
  (image) => {
    if (image.complete || !image.checkVisibility()) return true;
    const box = image.getBoundingClientRect();
    return box.bottom <= 0 || box.top >= innerHeight;
  })"""
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORT = DESKTOP


@dataclass(frozen=True)
class Shot:
    name: str
    path: str
    signed_in: bool = False
    # A part of the page to bring to the top of the picture, as a CSS selector.
    scroll_to: str = ""
    viewport: dict = field(default_factory=lambda: VIEWPORT)


def take_screenshots(
    *, base_url: str, shots: list[Shot], username: str, password: str, output: Path
) -> list[Path]:
    """Start Chromium and `photograph` the shots with it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            return photograph(
                browser,
                base_url=base_url,
                shots=shots,
                username=username,
                password=password,
                output=output,
            )
        finally:
            browser.close()


def photograph(
    browser, *, base_url: str, shots: list[Shot], username: str, password: str, output: Path
) -> list[Path]:
    """Open each shot's page (signing in first for the admin ones) and save it as `<name>.png`."""
    output.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(base_url=base_url, viewport=VIEWPORT)
    written = []
    signed_in = False
    try:
        page = context.new_page()
        for shot in shots:
            if shot.signed_in and not signed_in:
                page.goto("/admin/login/")
                page.fill("#id_username", username)
                page.fill("#id_password", password)
                page.click("input[type=submit]")
                signed_in = True
            page.set_viewport_size(shot.viewport)
            page.goto(shot.path)
            if urlsplit(page.url).path != urlsplit(shot.path).path:
                # A refused sign-in or a missing page would otherwise be photographed instead.
                raise RuntimeError(f"{shot.path} led to {page.url}: not photographed")
            if shot.scroll_to:
                page.locator(shot.scroll_to).evaluate("part => part.scrollIntoView()")
            page.wait_for_function(FIRST_SCREEN_DRAWN)
            target = output / f"{shot.name}.png"
            page.screenshot(path=str(target))
            optimise(target)
            written.append(target)
    finally:
        context.close()
    return written


def optimise(path: Path) -> None:
    """Make the PNG at `path` about a third of its size: 256 colours, which show pages of text
    and flat pictures without a visible change, compressed as hard as Pillow can."""
    with Image.open(path) as picture:
        fewer = picture.convert("RGB").quantize(256, dither=Image.Dither.NONE)
    fewer.save(path, optimize=True)
