"""Values kept for the length of one transaction."""

from collections.abc import Callable
from typing import TypeVar

from django.db import transaction

T = TypeVar("T")


def kept_with_transaction(using: str, name: str, make: Callable[[], T]) -> T:
    """The value called `name` of the transaction under way on `using`, made by `make()` the
    first time it is asked for.

    Kept with the outermost atomic block: a transaction that rolled back leaves its value behind,
    and the next one gets a new one. Outside any atomic block (autocommit) one value is shared
    until an atomic block starts.
    """
    connection = transaction.get_connection(using)
    owner = connection.atomic_blocks[0] if connection.in_atomic_block else None
    attribute = f"_kept_{name}"
    found = getattr(connection, attribute, None)
    if found is None or found[0] is not owner:
        found = (owner, make())
        setattr(connection, attribute, found)
    return found[1]
