"""The base of the edge purge backends: batching, retries and a log line when all tries fail."""

import logging
import time
from collections.abc import Sequence

from django.conf import settings

logger = logging.getLogger(__name__)


class PurgeError(Exception):
    """The edge did not confirm a purge."""


class PurgeBackend:
    """Sends tags to an edge cache. Subclasses implement `send` for one batch of tags.

    Every batch is tried `EDGE_PURGE_ATTEMPTS` times, waiting longer after each failure; a batch
    that still fails is logged as an error (the edge then keeps those pages until their
    `s-maxage` runs out) and the next batch is sent all the same.
    """

    # Tags per request: keeps each header well under the size edges accept.
    batch_size = 100

    def __init__(self):
        self.attempts = max(1, settings.EDGE_PURGE_ATTEMPTS)
        self.timeout = settings.EDGE_PURGE_TIMEOUT

    def purge(self, tags: Sequence[str]) -> None:
        for start in range(0, len(tags), self.batch_size):
            self.purge_batch(tags[start : start + self.batch_size])

    def purge_batch(self, tags: Sequence[str]) -> None:
        for attempt in range(1, self.attempts + 1):
            try:
                self.send(tags)
                return
            except (PurgeError, OSError) as error:
                if attempt == self.attempts:
                    logger.error(
                        "Edge purge failed after %d attempts (%s); these tags stay cached at "
                        "the edge until they expire: %s",
                        attempt,
                        error,
                        " ".join(tags),
                    )
                    return
                time.sleep(0.1 * 2**attempt)

    def send(self, tags: Sequence[str]) -> None:
        """Purge one batch of tags, raising `PurgeError` or `OSError` if the edge did not."""
        raise NotImplementedError
