"""`manage.py screenshots`: pictures of the demo site for the README and docs.

Serves this project on a loopback port from a thread, with its static and media files, and
photographs the news index, an op-ed of the demo content and a search, each at 390 and 1280
pixels wide, as a reader sees them, and as the demo editor sees them the op-ed's change form
and its previews of the piece in search results and link previews, the dashboard and the
calendar. Run it on a database that `seed_demo` filled, with DEBUG on (`make screenshots` does
all of it).
"""

import threading
from datetime import timedelta
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management.base import BaseCommand, CommandError
from django.core.servers.basehttp import ThreadedWSGIServer
from django.core.wsgi import get_wsgi_application
from django.urls import reverse
from django.utils import timezone

from articles.desk.calendar import Month
from articles.models import Article
from newsroom.checks import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME
from newsroom.demo.screenshots import DESKTOP, PHONE, Shot, take_screenshots

# A word many demo pieces use, so the results page is full.
SEARCH = "team"

# The change form's previews of the piece as search engines and networks will show it.
PREVIEWS = "#editing-panels"


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        return


class Server(ThreadedWSGIServer):
    """Django's threaded server, each request in a thread that closes its database connection
    after it; closing the server waits for those threads, so the command returns with every
    connection it opened closed, not closing a moment later."""

    daemon_threads = False


class Command(BaseCommand):
    help = "Photograph the demo site's index, an article, a search and the admin into docs/images/."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=settings.BASE_DIR / "docs" / "images")
        parser.add_argument(
            "--only",
            nargs="+",
            metavar="NAME",
            help="Take only these pictures (file names without .png), e.g. admin dashboard.",
        )

    def handle(self, *args, output: Path, only: list[str] | None = None, **options):
        if not settings.DEBUG:
            raise CommandError("Run with DEBUG=true, on a database seed_demo filled.")
        article = (
            Article.objects.published()
            .filter(kind=Article.Kind.OP_ED, warnings__isnull=False)
            .order_by("-published_at")
            .first()
        )
        if article is None:
            raise CommandError("No published op-ed with a warning: run seed_demo first.")
        # The month of the demo's coming days: its scheduled and planned pieces are on it.
        month = Month.containing(timezone.localdate() + timedelta(days=3))
        change = reverse("admin:articles_article_change", args=[article.pk])
        pages = {
            "index": reverse("articles:index"),
            "article": article.get_absolute_url(),
            "search": f"{reverse('articles:search')}?q={SEARCH}",
        }
        shots = [
            Shot(f"{name}-{viewport['width']}", path, viewport=viewport)
            for name, path in pages.items()
            for viewport in (PHONE, DESKTOP)
        ]
        shots += [
            Shot("admin", change, True),
            Shot("previews", change, True, scroll_to=PREVIEWS),
            Shot("dashboard", reverse("admin:index"), True),
            Shot(
                "calendar",
                reverse("admin:desk_calendar_month", args=[month.year, month.month]),
                True,
            ),
        ]
        if only:
            unknown = set(only) - {shot.name for shot in shots}
            if unknown:
                raise CommandError(f"No such picture: {', '.join(sorted(unknown))}.")
            shots = [shot for shot in shots if shot.name in only]
        server = make_server(
            "127.0.0.1",
            0,
            StaticFilesHandler(get_wsgi_application()),
            server_class=Server,
            handler_class=QuietHandler,
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            written = take_screenshots(
                base_url=f"http://127.0.0.1:{server.server_port}",
                shots=shots,
                username=DEMO_ADMIN_USERNAME,
                password=DEMO_ADMIN_PASSWORD,
                output=output,
            )
        finally:
            server.shutdown()
            server.server_close()
        for path in written:
            self.stdout.write(f"Wrote {path}")
