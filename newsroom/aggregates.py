"""Aggregates Django has for one database only, written for every database the site runs on,
a count that does not group, and a JSON column nested in a JSON list."""

from django.db.models import Aggregate, F, Func, IntegerField, JSONField


class JSONList(Aggregate):
    """The values of a group's rows as one JSON list, in no particular order: `JSONB_AGG` on
    PostgreSQL, `JSON_GROUP_ARRAY` on SQLite. A value made by `JSONArray` is a list in the list.

    A group of no rows (a subquery that finds none) gives None on PostgreSQL and `[]` on SQLite.
    """

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        # JSONB, which Django's connection reads as text for JSONField to parse, like a column.
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


class RowCount(Func):
    """`COUNT` of the query's rows as a plain function: as Django's `Count` aggregate, in an
    annotation of a query without `values()`, it would group by every column. For a query of
    one row, the count (`annotate(count=RowCount()).values_list("count")`), used alone or as a
    subquery."""

    function = "COUNT"
    output_field = IntegerField()

    def __init__(self):
        super().__init__(F("pk"))


class NestedJSON(Func):
    """A JSON column as a value inside `JSONArray`, nested as JSON on every database.

    SQLite's `JSON_ARRAY` takes a column's text as a string unless it comes through `JSON()`;
    PostgreSQL's column is JSON already (`JSONArray` casts it to `jsonb`)."""

    function = "JSON"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return compiler.compile(self.get_source_expressions()[0])
