"""Aggregates Django has for one database only, written for every database the site runs on."""

from django.db.models import Aggregate, JSONField


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
