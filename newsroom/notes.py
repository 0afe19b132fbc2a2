"""Related rows brought by a page's main query as JSON lists ("notes"), not by queries of their
own.

With a cache that keeps nothing, a page is made in full on every request, and each list it
shows beside its main row (an article's bylines, the site's navigation) would cost a query.
Instead the main query carries each list as one JSON column: `listed_notes` for rows of the
outer row (by a foreign key), `grouped_notes` for a set of rows that belongs to no row (the
navigation). A list comes back in no particular order, so it carries what puts it back in
order: keys and positions, or a row's place counted by the database (`place_in_order`), where
text decides the order and Python would compare it otherwise than the database's collation.
`read_notes` makes a list's rows back into instances, in order (`in_order`).
"""

from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import JSONArray

from newsroom.aggregates import JSONList, NestedJSON, RowCount


def listed_notes(rows: models.QuerySet, by: str, *columns: str) -> Subquery:
    """An annotation for a query: `rows` of each of its rows (`by` names the outer row's key in
    them) as one JSON list of their `columns`; None where there are none."""
    return grouped_notes(rows.filter(**{by: OuterRef("pk")}), by, *columns)


def grouped_notes(rows: models.QuerySet, by: str, *columns: str) -> Subquery:
    """`rows`, which all have the same value of their `by` column, as one JSON list of their
    `columns` (fields, paths such as `author__name`, or annotations of `rows`). A JSON column is
    nested as JSON (`NestedJSON`)."""
    values = [NestedJSON(name) if _is_json(rows, name) else name for name in columns]
    grouped = rows.order_by().values(by)
    return Subquery(grouped.annotate(notes=JSONList(JSONArray(*values))).values("notes"))


def place_in_order(rows: models.QuerySet, *order: str) -> Subquery:
    """An annotation for `rows`: how many of them come before a row in `order` (columns, each
    ascending), counted by the database in its own collation. Rows tied in `order` share a
    place."""
    before, same = Q(), Q()
    for column in order:
        before |= same & Q(**{f"{column}__lt": OuterRef(column)})
        same &= Q(**{column: OuterRef(column)})
    earlier = rows.order_by().filter(before)
    return Subquery(earlier.annotate(count=RowCount()).values("count"))


def in_order(rows: list | None, columns: tuple[str, ...], *order: str) -> list:
    """The rows of a notes list of `columns` (None: no rows), sorted by the columns `order`."""
    at = [columns.index(name) for name in order]
    return sorted(rows or (), key=lambda values: [values[index] for index in at])


def read_notes(
    model: type[models.Model],
    rows: list | None,
    columns: tuple[str, ...],
    *order: str,
    extra: tuple[str, ...] = (),
    using: str = DEFAULT_DB_ALIAS,
) -> list:
    """Instances of `model` from the rows of a notes list of its `columns` followed by `extra`
    values (annotations, such as a place), in the order of the columns `order`."""
    ordered = in_order(rows, (*columns, *extra), *order)
    return [model.from_db(using, columns, values[: len(columns)]) for values in ordered]


def _is_json(rows: models.QuerySet, name: str) -> bool:
    annotation = rows.query.annotations.get(name)
    if annotation is not None:
        return isinstance(annotation.output_field, models.JSONField)
    return isinstance(_field(rows.model, name), models.JSONField)


def _field(model: type[models.Model], path: str) -> models.Field:
    """The field a column name such as `author__name` ends at, from `model`."""
    *relations, name = path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    return model._meta.get_field(name)
