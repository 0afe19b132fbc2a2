"""Timestamps read from PostgreSQL, parsed by psycopg's C implementation.

Django reads every `timestamptz` through a loader of its own, which gives each value the
connection's tzinfo; it subclasses psycopg's pure-Python loader, so each value costs about
10 µs. A page made afresh reads a dozen, a feed or the read API's list a hundred or more. With
psycopg's C implementation installed (`psycopg[binary]`, as the project installs it, or
`psycopg[c]`), each connection gets a loader that parses in C and sets the same tzinfo: the same
values, for a fifteenth of the cost. Without it, or on another database, Django's stays.
"""

from functools import cache

from django.db.backends.postgresql.base import DatabaseWrapper
from django.db.backends.postgresql.psycopg_any import BaseTzLoader
from django.db.backends.signals import connection_created

_DISPATCH_UID = "newsroom.timestamps"


def parse_in_c() -> None:
    """Give each new PostgreSQL connection the C-parsing loader (see the module's note)."""
    connection_created.connect(_on_connection, sender=DatabaseWrapper, dispatch_uid=_DISPATCH_UID)


def _on_connection(sender, connection, **kwargs):
    loader = loader_for(connection.timezone)
    if loader is not None:
        connection.connection.adapters.register_loader("timestamptz", loader)


@cache
def loader_for(tzinfo) -> type[BaseTzLoader] | None:
    """A loader giving values `tzinfo`, as Django's does; None without psycopg's C part."""
    try:
        # The compiled module psycopg itself uses, when one is installed.
        from psycopg._cmodule import _psycopg as compiled
    except ImportError:
        return None
    if getattr(compiled, "TimestamptzLoader", None) is None:
        return None

    class CTimestamptzLoader(BaseTzLoader):
        # `timezone` is what Django compares when it makes a cursor, to decide whether the
        # connection's loader gives the tzinfo it wants (`DatabaseWrapper.create_cursor`).
        timezone = tzinfo

        def __init__(self, oid, context=None):
            super().__init__(oid, context)
            # The C loader converts to the connection's time zone, as the Python one does.
            self._parse = compiled.TimestamptzLoader(oid, context).load

        def load(self, data):
            return self._parse(data).replace(tzinfo=self.timezone)

    return CTimestamptzLoader
