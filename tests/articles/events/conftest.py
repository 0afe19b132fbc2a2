import pytest

from articles.events import Channel, channels, register, registry


class Recorder:
    """A channel that notes what it was handed: (kind, article id, payload)."""

    def __init__(self):
        self.handed: list[tuple[str, int, dict]] = []
        self.resumed = 0

    def handle(self, event):
        self.handed.append((event.kind, event.article_id, event.payload))

    def resume(self):
        self.resumed += 1

    @property
    def kinds(self) -> list[str]:
        return [kind for kind, _, _ in self.handed]


@pytest.fixture
def recorder():
    """A channel beside the real ones, for as long as the test runs."""
    found = Recorder()
    before = dict(registry._channels)
    register(Channel("recorder", found.handle, found.resume))
    yield found
    registry._channels.clear()
    registry._channels.update(before)
    assert [c.name for c in channels()] == list(before)
