import io
import os
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone
from PIL import Image

from newsroom import pagecache
from newsroom.cache import outage
from newsroom.pagecache import nearby

if connection.vendor == "postgresql":
    from django.db.backends.postgresql.operations import DatabaseOperations

    _truncate = DatabaseOperations.sql_flush

    def _delete_rows(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        """Empty the tables after a transactional test with DELETE rather than TRUNCATE.

        The tables are nearly empty, and TRUNCATE makes every table and index anew on disk: on
        PostgreSQL it takes a few hundred milliseconds for what DELETE does in a few. Every
        foreign key is deferred to the commit, so the order does not matter, and sequences are
        left as TRUNCATE leaves them unless asked to start again (then TRUNCATE it is).
        """
        if reset_sequences or allow_cascade or not tables:
            return _truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
        ]

    DatabaseOperations.sql_flush = _delete_rows


def pytest_xdist_auto_num_workers(config):
    """`-n auto`: one test process per core this process may use, and one more, since the
    browser and live-server tests wait on other processes part of their time (on 2 cores, all
    but the `alone` tests took 5:38 with 3 processes, 6:26 with 2 and 6:12 with 4).
    `PYTEST_XDIST_AUTO_NUM_WORKERS` still decides when set."""
    if chosen := os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return int(chosen)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) + 1


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch):
    """Alert sending keeps to ALERTS_RATE on a clock of its own, so no test waits for it: the
    waits it would have made are returned."""
    from articles.alerts import sending

    now = [0.0]
    waits = []

    def sleep(seconds):
        waits.append(seconds)
        now[0] += seconds

    monkeypatch.setattr(sending, "clock", lambda: now[0])
    monkeypatch.setattr(sending, "sleep", sleep)
    return waits


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Keep uploads of every test in a temporary folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def development_key_file(monkeypatch, tmp_path):
    """Settings loaded with DEBUG on and no SECRET_KEY, in a test's subprocess, keep their key in
    a temporary folder rather than beside manage.py."""
    kept = tmp_path / "state" / "secret_key"
    monkeypatch.setenv("DEVELOPMENT_KEY_FILE", str(kept))
    return kept


def image_bytes(image_format: str = "JPEG", size: tuple[int, int] = (1200, 675)) -> bytes:
    """A real image made by Pillow, in `image_format`."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (23, 92, 140)).save(buffer, format=image_format)
    return buffer.getvalue()


# A cache that keeps nothing (Django's DummyCache): every page and value made afresh, as readers
# get them after each change, or while the cache is down. Tests that compare with a kept page
# switch `settings.CACHES` to it halfway.
NOTHING_KEPT = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture
def nothing_kept(settings):
    """A cache that keeps nothing (`NOTHING_KEPT`) for the whole test."""
    settings.CACHES = NOTHING_KEPT


@pytest.fixture
def make_upload():
    """Build an uploaded file: a real image by default, or any bytes under any name."""

    def make(name="photo.jpg", content=None, image_format="JPEG", size=(1200, 675)):
        if content is None:
            content = image_bytes(image_format, size)
        return SimpleUploadedFile(name, content, content_type="application/octet-stream")

    return make


@pytest.fixture
def editor(db):
    from tests.factories import make_editor

    return make_editor()


@pytest.fixture
def contributor(db):
    from tests.factories import make_contributor

    return make_contributor()


@pytest.fixture
def editor_client(editor):
    """A browser logged in as an editor (its own, so tests can use several roles at once)."""
    browser = Client()
    browser.force_login(editor)
    return browser


@pytest.fixture
def contributor_client(contributor):
    browser = Client()
    browser.force_login(contributor)
    return browser


@pytest.fixture
def on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://… to include it")


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` skip themselves on other databases, saying why."""
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(
        reason=f"needs PostgreSQL; this run uses {connection.vendor} (set DATABASE_URL)"
    )
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: no page or derived value from another test, in the
    shared cache or held by this process (`newsroom.pagecache.nearby`), and no outage of another
    test's cache server still counting (`newsroom.cache.outage`)."""
    pagecache.clear()
    outage.reset()
    yield
    pagecache.clear()
    outage.reset()


@pytest.fixture
def dns(monkeypatch):
    """Name resolution without the network: `dns["hooks.example.com"] = ["93.184.216.34"]`.

    IP literals and `localhost` resolve as usual; any other name is unknown.
    """
    import ipaddress
    import socket

    names: dict[str, list[str]] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in names:
            return [
                (
                    socket.AF_INET6 if ":" in address else socket.AF_INET,
                    socket.SOCK_STREAM,
                    socket.IPPROTO_TCP,
                    "",
                    (address, port),
                )
                for address in names[host]
            ]
        try:
            ipaddress.ip_address(host)
        except ValueError:
            if host != "localhost":
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known") from None
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return names


# The editorial groups and their permissions, as the migrations made them. A transactional test
# (a live server, the worker) empties every table when it ends; in a process that runs other
# tests after one (pytest-xdist), the tests that follow get the groups back as migrated.
MIGRATED_GROUPS: dict[str, list[tuple[str, str]]] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.contrib.auth.models import Group

    with django_db_blocker.unblock():
        for group in Group.objects.prefetch_related("permissions__content_type"):
            MIGRATED_GROUPS[group.name] = [
                (permission.content_type.app_label, permission.codename)
                for permission in group.permissions.all()
            ]


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, started once the test database is made, so that it stops
    before the database is dropped.

    As pytest-django has it, the server (a session fixture a test names) starts before the
    database (which the test reaches through a function fixture) and so stops after the drop.
    Varnish in front (`varnishd`, started on it) keeps its connections to the server open
    between requests, and the server's thread for each keeps its database connection
    (`CONN_MAX_AGE`): the drop then found the test database "being accessed by other users".
    """
    return live_server


@pytest.fixture(autouse=True)
def groups_as_migrated(request):
    """Put the editorial groups back for a database test if an emptied database lost them."""
    if request.node.get_closest_marker("django_db") is None:
        # A test asking for the database by fixture gets it here first, as it would later.
        names = set(request.fixturenames)
        if "transactional_db" in names:
            request.getfixturevalue("transactional_db")
        elif "db" in names:
            request.getfixturevalue("db")
        else:
            return
    if "restore_schema" in request.fixturenames and not at_latest_schema():
        # A migration test starting where the one before left an older schema: the groups are
        # what its migrations make, not the latest ones.
        return
    restore_migrated_groups()


def restore_migrated_groups():
    from django.contrib.auth.models import Group, Permission

    if Group.objects.count() == len(MIGRATED_GROUPS):
        return
    for name, granted in MIGRATED_GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in granted:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def at_latest_schema():
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


@pytest.fixture(scope="module")
def restore_schema(django_db_setup, django_db_blocker):
    """Once a module of migration tests is done, the next test gets the latest schema back.

    Within the module each test migrates to where it starts from wherever the one before left
    the schema, so that schema is restored once, not after every test. pytest tears a module's
    fixtures down before a process runs a test of another module, with pytest-xdist too.
    """
    yield
    with django_db_blocker.unblock():
        if at_latest_schema():
            return
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        # Emptied as after any transactional test: migrating forward may have made rows (the
        # editorial groups of articles.0004).
        call_command("flush", verbosity=0, interactive=False, reset_sequences=False)


@pytest.fixture(scope="module")
def module_db(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The database for rows that a module's tests share, made once rather than for each test.

    The module's tests run inside one transaction, each in a savepoint of its own that
    pytest-django rolls back, so what a test changes is undone before the next; the transaction
    is rolled back after the last of them. A module with a test outside such a savepoint (not
    marked for the database, transactional, or with a live server) is refused: its writes
    would reach the next test, or it would empty the tables the others share.
    """
    from django.db import transaction
    from django.test import override_settings

    misfits = [
        item.name
        for item in request.session.items
        if getattr(item, "module", None) is request.module and not _rolled_back(item)
    ]
    if misfits:
        pytest.fail(
            f"module_db: every test of {request.module.__name__} must run in a savepoint "
            f"(django_db, not transactional, no live server): {', '.join(misfits)}",
            pytrace=False,
        )
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with django_db_blocker.unblock(), media, transaction.atomic():
        restore_migrated_groups()
        yield
        transaction.set_rollback(True)


def _rolled_back(item) -> bool:
    """Whether pytest-django runs the test in a savepoint it rolls back."""
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    transactional = marker.kwargs.get("transaction", marker.args[0] if marker.args else False)
    return not transactional and not {"transactional_db", "live_server"} & set(item.fixturenames)


@pytest.fixture
def clocks(monkeypatch):
    """The app's clock (`timezone.now`, which the schedule reads, and the model fields whose
    default it is: a webhook delivery's first attempt time, an event's) and the one pages held
    in the worker's memory are timed by, held still and moved together by
    `clocks.move(timedelta)`: a busy machine cannot pass a moment before the test looks. The
    database's clock runs on."""

    class Clocks:
        def __init__(self):
            self.now = timezone.now()
            self.worker = 1000.0

        def monotonic(self) -> float:
            return self.worker

        def move(self, by: timedelta) -> None:
            self.now += by
            self.worker += by.total_seconds()

    held = Clocks()
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: held.now)
    monkeypatch.setattr(nearby, "time", held)
    # A field's `default=timezone.now` is the function itself, taken when the model was
    # defined, and a field keeps the default it first gave (`Field._get_default`).
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.default is real_now:
                monkeypatch.setattr(field, "default", timezone.now)
                monkeypatch.setitem(field.__dict__, "_get_default", timezone.now)
    return held
