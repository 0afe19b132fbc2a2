"""Values kept for the length of one transaction."""

from collections.abc import Callable
from typing import TypeVar

from django.db import transaction

T = TypeVar("T")


def kept_with_transaction(using: str, name: str, make: Callable[[], T]) -> T:
    """The value called `name` of the transaction under way on `using`, made by `make()` the
    first time it is asked for.

    A transaction's end, committed or rolled back, gives the next one a new value, as does a
    savepoint rolled back (what was kept may tell of changes that are gone). Django starts a
    new list of commit callbacks at each of those moments, and that list is what the value is
    kept with: the outermost atomic block alone would not do, since `@transaction.atomic`
    enters the same block object on every call. Outside any atomic block (autocommit) one
    value is shared until a transaction ends.
    """
    connection = transaction.get_connection(using)
    owner = connection.atomic_blocks[0] if connection.in_atomic_block else None
    attribute = f"_kept_{name}"
    found = getattr(connection, attribute, None)
    if found is None or found[0] is not owner or found[1] is not connection.run_on_commit:
        found = (owner, connection.run_on_commit, make())
        setattr(connection, attribute, found)
    return found[2]
