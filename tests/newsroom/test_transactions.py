"""A value kept with a transaction lasts exactly as long as it does."""

import pytest
from django.db import DEFAULT_DB_ALIAS, transaction

from newsroom.transactions import kept_with_transaction

# Real transactions: the test's own would make every block a savepoint of one.
pytestmark = pytest.mark.django_db(transaction=True)


def kept() -> list:
    return kept_with_transaction(DEFAULT_DB_ALIAS, "test_values", list)


@transaction.atomic
def in_one_transaction(*, fail: bool = False) -> list:
    """`@transaction.atomic` enters the same block object on every call."""
    value = kept()
    assert kept() is value
    value.append("seen")
    if fail:
        raise RuntimeError("rolled back")
    return value


def test_each_transaction_gets_its_own_value_even_through_the_same_decorator():
    first = in_one_transaction()
    second = in_one_transaction()

    assert first == second == ["seen"]
    assert first is not second


def test_a_rolled_back_transaction_leaves_its_value_behind():
    with pytest.raises(RuntimeError):
        in_one_transaction(fail=True)

    assert in_one_transaction() == ["seen"]


def test_a_savepoint_rolled_back_starts_a_new_value_and_a_released_one_does_not():
    with transaction.atomic():
        outer = kept()
        with transaction.atomic():
            assert kept() is outer
        assert kept() is outer
        try:
            with transaction.atomic():
                kept().append("gone")
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        assert kept() is not outer
        assert kept() == []
