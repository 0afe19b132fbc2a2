"""Querysets compiled to SQL once and run again with other values, for the hottest lookups.

Django compiles a queryset to SQL every time it runs. For a lookup by key on a page served from
kept fragments that costs more than the query itself, so `CompiledLookup` compiles the queryset
its `build` function returns once per database, with a marker in place of each value, and then
runs that SQL with the real values. The rules stay in the queryset (`published()`, say), and
expressions such as `Now()` are part of the SQL, so they are evaluated on every run.

Only for `values_list()` querysets of columns the database returns as Python uses them (keys,
text): the rows come back as the cursor gives them, with no field converters.
"""

from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet


class CompiledLookup:
    """`build(**values)` compiled once; `rows(**values)` runs it.

    Each value must reach the SQL as a parameter of its own, unchanged (an exact match, say);
    compiling refuses a queryset where one does not.
    """

    def __init__(self, build: Callable[..., QuerySet], *names: str):
        self.build = build
        self.names = names
        self._compiled: dict[str, tuple[str, tuple, dict[str, int]]] = {}

    def rows(self, *, using: str = DEFAULT_DB_ALIAS, **values) -> list[tuple]:
        sql, params, positions = self.compiled(using)
        if set(values) != set(positions):
            raise TypeError(f"Expected values for {sorted(positions)}, got {sorted(values)}.")
        run_with = list(params)
        for name, position in positions.items():
            run_with[position] = values[name]
        with connections[using].cursor() as cursor:
            cursor.execute(sql, run_with)
            return cursor.fetchall()

    def compiled(self, using: str) -> tuple[str, tuple, dict[str, int]]:
        """(SQL, parameters, position of each named value among them) for database `using`."""
        if using not in self._compiled:
            markers = {name: f"compiled-lookup-marker:{name}" for name in self.names}
            queryset = self.build(**markers)
            sql, params = queryset.query.get_compiler(using).as_sql()
            positions = {}
            for name, marker in markers.items():
                found = [index for index, param in enumerate(params) if param == marker]
                if len(found) != 1:
                    raise ValueError(
                        f"The value {name!r} does not reach the SQL as one parameter of its own, "
                        "so this queryset cannot be compiled once and reused."
                    )
                positions[name] = found[0]
            self._compiled[using] = (sql, tuple(params), positions)
        return self._compiled[using]
