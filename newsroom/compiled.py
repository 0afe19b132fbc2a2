"""Querysets compiled to SQL once and run again with other values, for the hottest lookups.

Django compiles a queryset to SQL every time it runs. For a lookup by key that costs more than
the query itself, so `CompiledLookup` compiles the queryset its `build` function returns once
per database, with a marker in place of each value, and then runs that SQL with the real values.
The rules stay in the queryset (`published()`, say), and expressions such as `Now()` are part of
the SQL, so they are evaluated on every run. On PostgreSQL the same SQL is also kept prepared on
each connection (`prepared_cursor`), so the database does not parse and plan it again either:
its plan is made once, for any values (`plan_once`).

Only for `values_list()` querysets, whose rows come back as `values_list()` gives them: each
column through the converters Django applies to it (dates, JSON, booleans).
"""

from collections.abc import Callable, Collection

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.postgresql.base import DatabaseWrapper, ServerBindingCursor
from django.db.backends.signals import connection_created
from django.db.backends.utils import CursorWrapper
from django.db.models import Model, QuerySet
from django.db.models.query import ValuesListIterable
from django.db.models.sql.compiler import SQLCompiler

# Integer markers stand where keys go: negative, and inside every backend's integer range, so
# no real key or range check meets them.
_FIRST_KEY_MARKER = -1_900_000_000


class CompiledLookup:
    """`build(**values)` compiled once; `rows(**values)` runs it.

    Values are named by `names` (text) and `kinds` (`int` for a key, `list` for a list of keys,
    compiled once per length: `pk__in=…`). Each value must reach the SQL as parameters of its
    own, unchanged (an exact match, say); compiling refuses a queryset where one does not.
    """

    def __init__(self, build: Callable[..., QuerySet], *names: str, **kinds: type):
        self.build = build
        self.kinds = {**dict.fromkeys(names, str), **kinds}
        if not set(self.kinds.values()) <= {str, int, list}:
            raise TypeError("Each value is text (str), a key (int) or a list of keys (list).")
        self._compiled: dict[tuple, _Compiled] = {}

    def rows(
        self,
        *,
        using: str = DEFAULT_DB_ALIAS,
        bounds: tuple[int, int | None] | None = None,
        **values,
    ) -> list[tuple]:
        """The rows for `values`; `bounds` (low, high) slices them as `queryset[low:high]`."""
        if set(values) != set(self.kinds):
            raise TypeError(f"Expected values for {sorted(self.kinds)}, got {sorted(values)}.")
        lengths = tuple(len(values[name]) for name, kind in self.kinds.items() if kind is list)
        if 0 in lengths:
            return []  # no key to match: no query, as Django makes none for `pk__in=[]`
        compiled = self.compiled(using, lengths)
        connection = connections[using]
        sql = compiled.sql
        if bounds is not None:
            if compiled.sliced:
                raise ValueError("This lookup's queryset is sliced already.")
            low, high = bounds
            if high is not None and high <= low:
                return []  # an empty slice: no query, as for `queryset[5:5]`
            # Where Django puts the clause, in the backend's words, so the SQL stays one string.
            sql = " ".join(filter(None, (sql, connection.ops.limit_offset_sql(low, high))))
        run_with = list(compiled.params)
        for position, name, index in compiled.positions:
            run_with[position] = values[name] if index is None else values[name][index]
        with prepared_cursor(connection) as cursor:
            cursor.execute(sql, run_with)
            rows = cursor.fetchall()
        if connection.queries_logged:
            _log_with_values(connection, sql, run_with)
        return compiled.convert(rows, connection)

    def compiled(self, using: str, lengths: tuple[int, ...] = ()) -> "_Compiled":
        """The SQL for database `using` (and the lengths of the list values), compiled once."""
        key = (using, lengths)
        if key not in self._compiled:
            self._compiled[key] = self._compile(using, lengths)
        return self._compiled[key]

    def _compile(self, using: str, lengths: tuple[int, ...]) -> "_Compiled":
        markers = {}  # what `build` is given for each name
        places = {}  # each marker's name, and its index when in a list
        counts = iter(lengths)
        key_marker = _FIRST_KEY_MARKER
        for name, kind in self.kinds.items():
            if kind is str:
                markers[name] = f"compiled-lookup-marker:{name}"
                places[markers[name]] = (name, None)
            elif kind is int:
                markers[name] = key_marker
                places[key_marker] = (name, None)
                key_marker -= 1
            else:
                markers[name] = [key_marker - index for index in range(next(counts))]
                places.update({marker: (name, i) for i, marker in enumerate(markers[name])})
                key_marker -= len(markers[name])
        queryset = self.build(**markers)
        check_columns(queryset)
        compiler = queryset.query.get_compiler(using)
        sql, params = compiler.as_sql()
        positions = []
        for marker, (name, index) in places.items():
            found = [at for at, param in enumerate(params) if param == marker]
            if not found:
                raise ValueError(
                    f"The value {name!r} does not reach the SQL as a parameter of its own, "
                    "so this queryset cannot be compiled once and reused."
                )
            positions += [(at, name, index) for at in found]
        return _Compiled(sql, tuple(params), tuple(positions), compiler, queryset.query.is_sliced)


def prepared_cursor(connection: BaseDatabaseWrapper) -> CursorWrapper:
    """A cursor for `connection` whose statements the database may keep prepared.

    On PostgreSQL with a `prepare_threshold` (`DATABASE_PREPARED`), a cursor that sends the
    values apart from the SQL, which psycopg prepares from the threshold's run on: Django's own
    cursors write the values into the SQL, which cannot be prepared. Elsewhere, Django's own.
    Either way Django wraps it, so its query log and execute wrappers see every query.
    """
    if not prepares(connection):
        return connection.cursor()
    # The steps of Django's `connection.cursor()`, which offers no way to choose the class.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        cursor = ServerBindingCursor(connection.connection)
    if connection.queries_logged:
        return connection.make_debug_cursor(cursor)
    return connection.make_cursor(cursor)


def _log_with_values(connection: BaseDatabaseWrapper, sql: str, params: list) -> None:
    """Log a prepared lookup's SQL with its values, as Django logs its own queries: psycopg
    holds it with placeholders on the first runs and not at all once it runs prepared (Django
    would log None, and `connection.queries`, which tests read, would show nothing)."""
    if prepares(connection) and connection.queries_log:
        connection.queries_log[-1]["sql"] = connection.ops.compose_sql(sql, params)


def prepares(connection: BaseDatabaseWrapper) -> bool:
    """Whether `connection` keeps compiled lookups prepared (PostgreSQL with a threshold)."""
    return (
        connection.vendor == "postgresql"
        and connection.settings_dict["OPTIONS"].get("prepare_threshold") is not None
    )


def plan_once() -> None:
    """Have each new connection that prepares lookups plan them once, for any values.

    By default PostgreSQL plans a prepared statement anew on each of its first five runs, then
    keeps one plan for any values only if that plan looks no costlier than those made for the
    values given; its estimate of what planning costs is far below what it does cost. For some
    lookups (the related pieces, the featured piece) it never settled, and planned them on every
    request: between a sixth and two fifths of the related pieces' time in the database. Every
    other lookup of the reader pages it already ran on one plan after five runs, at 1,000
    articles and at 100,000 (`docs/benchmark.md`).

    A plan for any values cannot use a partial index whose condition names a value the lookup
    is given (the status `published()` compares, say): indexes that serve prepared lookups keep
    such columns as keys (`article_featured_idx`). Only statements prepared on the connection
    are planned this way; Django's other queries, sent with their values, are planned for those
    values as before.
    """
    connection_created.connect(_on_connection, sender=DatabaseWrapper, dispatch_uid=_PLAN_ONCE)


_PLAN_ONCE = "newsroom.compiled.plan_once"


def _on_connection(sender, connection, **kwargs):
    if prepares(connection):
        connection.connection.execute("SET plan_cache_mode = force_generic_plan")


def row_columns(model: type[Model], *, leaving: Collection[str] = ()) -> tuple[str, ...]:
    """The columns of `model`'s whole row, but for `leaving`, in the order of its fields: what a
    lookup loads, by `values_list(*columns)`, to make instances with `model.from_db`."""
    return tuple(
        field.attname for field in model._meta.concrete_fields if field.attname not in leaving
    )


def check_columns(queryset: QuerySet) -> None:
    """Refuse a queryset whose rows `values_list()` would reorder (annotations named first)."""
    if queryset._iterable_class is not ValuesListIterable:
        raise ValueError("Only values_list() querysets can be compiled once and reused.")
    query = queryset.query
    names = [*query.extra_select, *query.values_select, *query.annotation_select]
    fields = [*queryset._fields, *(n for n in query.annotation_select if n not in queryset._fields)]
    if fields != names:
        raise ValueError("Name the columns of a compiled lookup in the order the SQL has them.")


class _Compiled:
    """Compiled SQL with where each value goes, and the columns' converters."""

    def __init__(
        self, sql: str, params: tuple, positions: tuple, compiler: SQLCompiler, sliced: bool
    ):
        self.sql = sql
        self.params = params
        self.positions = positions
        self.sliced = sliced
        self.columns = [column for column, _, _ in compiler.select[: compiler.col_count]]
        self._converters: tuple = (None, [])

    def convert(self, rows: list[tuple], connection) -> list[tuple]:
        converters = self.converters(connection)
        if not converters:
            return rows
        converted = []
        for row in rows:
            row = list(row)
            for position, functions, column in converters:
                value = row[position]
                for function in functions:
                    value = function(value, column, connection)
                row[position] = value
            converted.append(tuple(row))
        return converted

    def converters(self, connection) -> list[tuple]:
        """Each column's converters for `connection` (a thread's own), worked out once."""
        cached_for, found = self._converters
        if cached_for is not connection:
            found = []
            for position, column in enumerate(self.columns):
                functions = connection.ops.get_db_converters(column) + column.get_db_converters(
                    connection
                )
                if functions:
                    found.append((position, functions, column))
            self._converters = (connection, found)
        return found
