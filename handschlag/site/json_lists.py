"""Small lists read inside another query, as JSON: a page that shows a town with a handful of
short lists (its contact persons, the measures it adopted, its shared scores) reads them in
the town's own query instead of one query per list.

`json_list(queryset, field=path, …)` is a correlated subquery that gives the rows of
`queryset` as a JSON array of objects ([] when there are none, None before Python sees it on
PostgreSQL): SQLite's json_group_array, PostgreSQL's jsonb_agg. The rows come back as plain
dicts with JSON's types: numbers, strings, booleans and null; dates and times as ISO text
(`moment` reads them back); a JSON column inside may arrive as text on SQLite (`json_value`).
Their order is not guaranteed: sort them in Python (the lists are short).
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.db.models import Aggregate, Expression, F, JSONField, QuerySet, Subquery, Value
from django.db.models.functions import JSONObject
from django.utils import timezone


class JSONList(Aggregate):
    """The JSON array of an expression's values over a group of rows."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(compiler, connection, function="JSONB_AGG", **extra)


def json_list(queryset: QuerySet[Any], **fields: str | Expression) -> Subquery:
    """The rows of `queryset` (usually filtered by an OuterRef) as a JSON array of objects
    with `fields`: name → field path or expression."""
    objects = JSONObject(
        **{name: F(path) if isinstance(path, str) else path for name, path in fields.items()}
    )
    rows = (
        queryset.order_by()
        .annotate(_all=Value(1))
        .values("_all")
        .annotate(rows=JSONList(objects))
        .values("rows")
    )
    return Subquery(rows, output_field=JSONField())


def rows_of(value: Any) -> list[dict[str, Any]]:
    """The list a `json_list` annotation read (None: no rows)."""
    if value is None:
        return []
    if isinstance(value, str):
        value = json.loads(value)
    return list(value)


def json_value(value: Any) -> Any:
    """A JSON column's value inside a row: an object on PostgreSQL, its text on SQLite."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def moment(value: str | None) -> datetime.datetime | None:
    """A stored date and time as a row holds it (ISO text; naive on SQLite, where it is
    UTC), as an aware datetime."""
    if not value:
        return None
    parsed = datetime.datetime.fromisoformat(value)
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, datetime.UTC)
    return parsed


def day(value: str | None) -> datetime.date | None:
    """A stored date as a row holds it (ISO text)."""
    return datetime.date.fromisoformat(value[:10]) if value else None
