"""Events: what happened to public pieces, recorded with the change and handed to channels once.

- `recording`: signals that write an `Event` in the transaction of the change that causes it
  (published, updated, corrected, unpublished, deleted), one of each kind per piece per
  transaction; a scheduled piece's publication is recorded when it is scheduled, due at its time.
- `renaming`: an author or topic renamed, or given a new slug, records an update of every public
  piece that shows it, together (`recording.record_updates`), handed on by one task.
- `registry`: where events go. A channel (email alerts, webhooks, title cards) registers a
  handler that turns an event into its own delivery rows or tasks, idempotently, and a `resume`
  that re-queues the deliveries a stopped worker left unsent.
- `dispatch`: the tasks. `hand_on` gives a due event to every channel, once, or dismisses a
  publication that was moved or withdrawn before its time; `hand_on_due` finds what fell due.
- `queue`: enqueueing so that a task exists exactly when the change that asked for it committed.

Production runs `manage.py worker` (the database task backend's worker, which first re-queues
whatever a stopped worker left); development runs each task in-process after the commit.
"""

from articles.events.registry import Channel, channels, register

__all__ = ["Channel", "channels", "register"]
