"""Timestamps read from PostgreSQL are parsed in C and are the values Django's loader gives."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.db import connection
from django.db.backends.postgresql.psycopg_any import register_tzloader

from newsroom.timestamps import loader_for

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

MOMENTS = [
    datetime(2025, 1, 14, 9, 0, tzinfo=UTC),
    datetime(2025, 7, 1, 23, 59, 59, 999999, tzinfo=UTC),
    datetime(1999, 12, 31, 22, 30, 5, 120000, tzinfo=timezone(timedelta(hours=-5))),
    datetime(2038, 1, 19, 3, 14, 8, 1, tzinfo=timezone(timedelta(hours=5, minutes=45))),
]


def read_back(moments, *, with_djangos_loader=False):
    with connection.cursor() as cursor:
        if with_djangos_loader:
            register_tzloader(connection.timezone, cursor.cursor)
        cursor.execute(
            "SELECT moment FROM unnest(%s::timestamptz[]) WITH ORDINALITY AS m(moment, n) "
            "ORDER BY n",
            [moments],
        )
        return [moment for (moment,) in cursor.fetchall()]


def test_a_connection_parses_timestamps_in_c():
    connection.ensure_connection()
    loader = connection.connection.adapters.get_loader(1184, 0)  # timestamptz, as text

    assert loader is loader_for(connection.timezone)
    assert loader.timezone == connection.timezone


def test_timestamps_read_back_as_djangos_loader_reads_them_with_its_tzinfo():
    ours, djangos = read_back(MOMENTS), read_back(MOMENTS, with_djangos_loader=True)

    assert ours == djangos == MOMENTS
    assert [moment.tzinfo for moment in ours] == [moment.tzinfo for moment in djangos]
    assert {moment.tzinfo for moment in ours} == {connection.timezone}
    assert [moment.isoformat() for moment in ours] == [moment.isoformat() for moment in djangos]


def test_a_timestamp_read_through_the_orm_keeps_its_microseconds(django_user_model):
    joined = datetime(2024, 2, 29, 12, 0, 0, 654321, tzinfo=UTC)
    user = django_user_model.objects.create(username="reader", date_joined=joined)

    assert django_user_model.objects.values_list("date_joined", flat=True).get(pk=user.pk) == (
        joined
    )
