"""Embargoes and journalists' pre-access.

An editor holds a piece under embargo until a time (`articles.workflow.publishing.embargo`):
until then it is nowhere in public, since it runs no earlier than the embargo and every public
query asks `Article.objects.published()`; at the time it is public everywhere at once, with no
job to run, as any scheduled piece. Meanwhile the editor shares it with named journalists.

- `access`: each journalist's personal link (`PressAccess`): made, found, counted, revoked.
- `mail`: sending a journalist their link through Django's email framework.
- `views`: the page a journalist reads the piece on, marked with the embargo and never cached,
  and its media kit's downloads at the same link.
"""
