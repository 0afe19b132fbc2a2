"""Screenshots of the site for the README: a reader's article page, an editor's change form and
its previews of how the piece looks in search results and link previews, the dashboard and the
calendar.

Taken by Playwright in Debian's Chromium (never a downloaded browser) from a running site with
the demo content; `make screenshots` builds that site in `.screenshots/` and writes the pictures
to `docs/images/`, so they can be made again whenever the pages change.
"""

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

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
VIEWPORT = {"width": 1280, "height": 900}


@dataclass(frozen=True)
class Shot:
    name: str
    path: str
    signed_in: bool = False
    # A part of the page to bring to the top of the picture, as a CSS selector.
    scroll_to: str = ""


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
            page.goto(shot.path)
            page.wait_for_load_state("networkidle")
            if urlsplit(page.url).path != shot.path:
                # A refused sign-in or a missing page would otherwise be photographed instead.
                raise RuntimeError(f"{shot.path} led to {page.url}: not photographed")
            if shot.scroll_to:
                page.locator(shot.scroll_to).evaluate("part => part.scrollIntoView()")
            target = output / f"{shot.name}.png"
            page.screenshot(path=str(target))
            written.append(target)
    finally:
        context.close()
    return written
