"""Where events go: each channel registers how it takes an event and how it resumes."""

from collections.abc import Callable
from dataclasses import dataclass

from articles.models import Event


@dataclass(frozen=True)
class Channel:
    """`handle(event)` runs in the transaction that marks the event handled: it writes the
    channel's delivery rows (unique per event and recipient, so running it twice adds nothing)
    and enqueues their sending with `articles.events.queue.enqueue`. `resume()` re-queues the
    deliveries a stopped worker left unsent; it is called when a worker starts."""

    name: str
    handle: Callable[[Event], None]
    resume: Callable[[], None] | None = None


_channels: dict[str, Channel] = {}


def register(channel: Channel) -> None:
    _channels[channel.name] = channel


def channels() -> list[Channel]:
    return list(_channels.values())
