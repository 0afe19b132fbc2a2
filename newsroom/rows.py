"""Model instances made from the rows the database returns, without calling the model.

Django makes each instance it reads by calling the model with the row's values: `__init__`
walks every field of the model and sends `pre_init` and `post_init`. A listing with nothing
cached reads some fifty instances (its articles, their bylines, authors and warnings, the site's
settings and navigation), and making them cost more than a tenth of the page. `RowModel` makes
them as Django itself does when it unpickles an instance: a bare instance given the row's values
and a state saying where it was read from. Django calls `from_db` for every row a queryset reads
and the site's compiled lookups call it for theirs, so both get the same instances.

What reading a row leaves out, and why that is safe here:

- `pre_init` and `post_init` are not sent for rows read. Their only receivers are the image
  fields filling in a width or height column left empty, which opens the picture from storage
  (object storage, on a real site) while a page is being made. An image field writes both as a
  picture is assigned (from an upload, or a file with a name), migration `articles/0025`
  measured the pictures stored without them, and a page copes with neither (`Renditions`).
  A test keeps any other receiver from being added unnoticed.
- Instances made by calling the model (new ones, forms, fixtures, tests) are made as before,
  signals and all.
"""

from django.db import models
from django.db.models.base import ModelState


class RowModel(models.Model):
    """A model whose rows read from the database become instances without `Model.__init__`."""

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        """An instance read from database `db`: `field_names` (attribute names, as Django gives
        them) hold `values`, and every other field is deferred, loaded when first read."""
        instance = cls.__new__(cls)
        state = instance._state = ModelState()
        state.adding = False
        state.db = db
        instance.__dict__.update(zip(field_names, values, strict=True))
        return instance
