"""A piece's standing return: the fields `Article` inherits that say an editor handed it back to
its writer, with what note, who and when (`ReturnRecord`).

They are workflow state, like the status: set by `publishing.return_to_draft`, cleared by any
other move, and kept as the piece has them when an older version is restored.
"""

from django.conf import settings
from django.db import models

from newsroom.rows import RowModel

# The columns of the standing return, as a save names them (`update_fields`) and a restore
# keeps them from the live piece.
RETURN_FIELDS = ("return_note", "returned_by_id", "returned_at")


class ReturnRecord(RowModel):
    """The return a draft shows its writer until it moves on."""

    return_note = models.CharField(
        "note on returning to draft",
        max_length=300,
        blank=True,
        editable=False,
        help_text="Why an editor returned the piece to draft: its writer sees it till it moves on.",
    )
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="returned to draft by",
        help_text="The editor who returned the piece to draft; its writer sees their name.",
    )
    returned_at = models.DateTimeField(
        "returned to draft",
        null=True,
        blank=True,
        editable=False,
        help_text="When an editor returned the piece to draft; empty once it moves on.",
    )

    class Meta:
        abstract = True

    def clear_return(self) -> None:
        """Forget the standing return (the piece moves on); saved with `RETURN_FIELDS`."""
        self.return_note, self.returned_by, self.returned_at = "", None, None
