"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

They skip, saying what is missing, when Chromium, Java or the npm packages are not installed;
under CI (CI=true) a missing piece fails them instead, since `.ci/run` installs all of it.
"""

import contextlib
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connections

from newsroom.demo.screenshots import CHROMIUM, CHROMIUM_ARGS
from tests.parts import require

# Playwright's synchronous API keeps an event loop in the test thread, which makes Django's ORM
# refuse to run there; the tests never share a connection with that loop, so this is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

NODE_MODULES = Path(__file__).resolve().parent / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

# Records every Content-Security-Policy violation the page reports, before any page script runs.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber} ${event.sample}`);
});
"""


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Mark the browser tests, and run those on the live server first of the tests that empty
    the database after them.

    pytest-django runs tests in transactions first, then those that empty the database (the
    live server's among them); the browser tests take seconds each. Run last, as the order of
    their files had it, the longest of them kept one test process busy for half a minute after
    the other had finished; run first, shorter ones balance the two at the end.
    """
    here = Path(__file__).parent
    browser = [item for item in items if Path(item.fspath).is_relative_to(here)]
    for item in browser:
        item.add_marker(pytest.mark.browser)
    live = [item for item in browser if empties_the_database(item)]
    if not live:
        return
    moved = set(live)
    rest = [item for item in items if item not in moved]
    first = next((i for i, item in enumerate(rest) if empties_the_database(item)), len(rest))
    items[:] = rest[:first] + live + rest[first:]


def empties_the_database(item) -> bool:
    """Whether pytest-django runs `item` with the tests that empty the database after them (as
    its own ordering decides; this suite marks them `django_db(transaction=True)`)."""
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction", False)
    fixtures = getattr(item, "fixturenames", ())
    return transactional or "live_server" in fixtures or "transactional_db" in fixtures


# How long the live server must have had no connection before a test's database is emptied.
QUIET_SECONDS = 0.3


@pytest.fixture(autouse=True)
def server_settles(request):
    """After a test on the live server, wait until the server has answered every request its
    pages sent before the database is emptied.

    A request sent just before the test ended (a debounced save, a preview) would otherwise run
    alongside the emptying: on PostgreSQL the two can deadlock, and on SQLite, whose in-memory
    database the server shares with the test, its statements land inside the emptying's
    transaction. Pages are closed by then.
    """
    if "live_server" not in request.fixturenames:
        yield
        return
    server = request.getfixturevalue("live_server").thread.httpd
    yield
    # The server runs each connection in a thread it keeps a list of (`socketserver`'s
    # `block_on_close`); a closed page has closed its connections, so each thread ends once its
    # last request is answered. A page's last autosave, sent with `keepalive` as it closes, can
    # still arrive a moment later, so the server must also have been quiet for a while.
    deadline = time.monotonic() + 30
    quiet_since = time.monotonic()
    while time.monotonic() - quiet_since < QUIET_SECONDS and time.monotonic() < deadline:
        busy = [thread for thread in list(server._threads) if thread.is_alive()]
        for thread in busy:
            thread.join(timeout=30)
        if busy:
            quiet_since = time.monotonic()
        time.sleep(0.05)


@contextlib.contextmanager
def running_chromium():
    """Chromium driven by Playwright's synchronous API from this thread, until the block ends."""
    require(CHROMIUM.exists(), f"needs Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the dev extra installs it
        require(False, "needs the playwright package (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()
            # Between its calls Playwright leaves its event loop marked as running in this
            # thread, and Django keeps a thread's connections apart while a loop runs in it
            # (asgiref's thread-critical Local). Those opened meanwhile are closed here, while
            # in reach: unseen once the browser stops, one left open by a test rolled back
            # (a transactional test closes its own) would hold the test database open when
            # pytest-django drops it.
            connections.close_all()


@pytest.fixture(scope="session")
def browser():
    with running_chromium() as chromium:
        yield chromium


@dataclass
class Watched:
    """What a page did that a reader or editor would not want: errors, dialogs, blocked content."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def csp_violations(self) -> list[str]:
        return self.page.evaluate("window.__cspViolations || []")

    def assert_clean(self) -> None:
        assert self.dialogs == [], "a dialog opened: a script ran"
        assert self.page_errors == []
        assert self.csp_violations() == []
        assert self.console_errors == []


# What the change form's autosave is told in tests not marked `autosave`: its requests come a
# few seconds after typing, while such a test checks the database or has ended, and the live
# server shares the test's database connection. The page answers them itself: a Playwright route
# would too, but routing turns off the browser's HTTP cache, and every page would then fetch its
# stylesheets and scripts again (twice the time of a test that opens many admin pages).
NOT_KEPT = '{"saved": "(not kept in this test)", "saved_at": ""}'
ANSWER_AUTOSAVE = f"""
(() => {{
  const send = window.fetch.bind(window);
  window.fetch = (resource, options) => {{
    const address = new URL(resource instanceof Request ? resource.url : resource, location.href);
    if (!address.pathname.endsWith("/autosave/")) return send(resource, options);
    const headers = {{"Content-Type": "application/json"}};
    return Promise.resolve(new Response('{NOT_KEPT}', {{status: 200, headers}}));
  }};
}})();
"""


@pytest.fixture
def open_page(request, browser, live_server, serve_media):
    """Open fresh browser sessions (each its own cookies) on the live server, recording all."""
    contexts = []
    autosave = request.node.get_closest_marker("autosave") is not None

    def open_page(*init_scripts: Path) -> Watched:
        context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
        contexts.append(context)
        context.add_init_script(WATCH_CSP)
        if not autosave:
            context.add_init_script(ANSWER_AUTOSAVE)
        for script in init_scripts:
            context.add_init_script(path=script)
        page = context.new_page()
        watched = Watched(page)
        page.on(
            "console",
            lambda message: message.type == "error" and watched.console_errors.append(message.text),
        )
        page.on("pageerror", lambda error: watched.page_errors.append(str(error)))

        def on_dialog(dialog):
            watched.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        return watched

    yield open_page
    for context in contexts:
        # Offline first, so that a closing page sends as little as it can; its last autosave,
        # sent with `keepalive`, may reach the server still (see `server_settles`).
        context.set_offline(True)
        context.close()


@pytest.fixture
def watched(open_page):
    """One recorded browser page on the live server."""
    return open_page()


PASSWORD = "correct horse battery staple"


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the admin's login form, as a person would."""
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def assert_picture_loaded(picture) -> None:
    """Assert a picture loads and decodes, waiting for it as a reader scrolling to it would.

    Pictures below the first screen load lazily, so reading `complete` at once races the
    download. `decode()` settles when the picture is ready and rejects if it is broken.
    """
    picture.scroll_into_view_if_needed()
    width = picture.evaluate("async (img) => { await img.decode(); return img.naturalWidth; }")
    assert width > 0, f"{picture} decoded with no width"


# Every rich-text field the server sent (not an empty inline's template) is an editor with its
# toolbar drawn. The editors are made after the page's load event, once their modules are
# imported: waiting on the fields, not on the editors, cannot pass before any exists.
EDITORS_DRAWN = """() => [
  ...document.querySelectorAll("textarea[data-django-prose-editor-configurable]")]
  .filter((field) => !field.id.includes("__prefix__"))
  .every((field) => field.closest(".prose-editor")?.querySelector(".prose-menubar"))"""


def wait_for_editors(page) -> None:
    """Wait until the change form's editors are drawn, their toolbars' icon font included."""
    page.wait_for_function(EDITORS_DRAWN)
    # Laying the toolbars out asks for their font, which `fonts.ready` then waits for.
    page.evaluate("async () => { document.body.offsetHeight; await document.fonts.ready; }")


@pytest.fixture
def serve_media(settings):
    """Let the live server serve uploads, as the object store or the CDN does in production."""
    settings.ROOT_URLCONF = "tests.browser.urls"


@pytest.fixture
def node_modules():
    require(
        AXE_SCRIPT.exists() and VNU_JAR.exists(),
        "needs the npm packages of tests/browser (npm ci --prefix tests/browser)",
    )
    return NODE_MODULES


@pytest.fixture
def java():
    path = shutil.which("java")
    require(path is not None, "needs Java for the Nu HTML Checker (apt-get install default-jre)")
    return path


@dataclass
class Demo:
    """What the demo content shows first: the newest piece, and the older one it features."""

    newest: object
    lead: object


@pytest.fixture
def demo(transactional_db, settings) -> Demo:
    """The demo content (`seed_demo`): real pictures and text, as the README's screenshots."""
    from django.core.management import call_command

    from articles.models import Article

    settings.DEBUG = True  # seed_demo refuses to fill a database outside development
    call_command("seed_demo", stdout=None)
    settings.DEBUG = False
    public = Article.objects.published().order_by("-published_at")
    return Demo(newest=public.first(), lead=public.filter(is_featured=True).first())


@pytest.fixture
def editor(transactional_db):
    from tests.factories import UserFactory

    return UserFactory(username="editor", is_staff=True, is_superuser=True)


def staff_member(username: str, group: str):
    """A staff account in the editorial group `group`, with the permissions the roles migration
    grants it (a transactional test empties the tables, groups included, when it ends)."""
    import importlib

    from django.contrib.auth.models import Group, Permission

    from tests.factories import StaffFactory

    roles = importlib.import_module("articles.migrations.0004_editorial_roles")
    made, created = Group.objects.get_or_create(name=group)
    if created:
        for (app_label, model), actions in roles.GROUPS[group].items():
            made.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label,
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            )
    return StaffFactory(username=username, group=group)
