"""The admin's "Add cross-posted piece": paste a piece, check what it becomes, get a draft.

Staff give the original's address, the author (chosen or new), the original date and the piece as
copied from the browser (`paste`); `articles.crosspost.cleaning` cleans it and the check step
shows what the draft will hold, every field editable and every line taken out ready to be put
back (`check`), its edits kept when staff go back to change the paste (`edits`); "Make the
draft" saves it through `articles.crosspost.importing` and opens the change form (`views`).
"""

from .paste import CrossPostForm, duplicate_origin_error
from .views import AddCrossPostView, CheckCrossPostView

__all__ = [
    "AddCrossPostView",
    "CheckCrossPostView",
    "CrossPostForm",
    "duplicate_origin_error",
]
