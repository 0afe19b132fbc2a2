"""A save refused because the piece is no longer its author's to change.

An editor may publish, schedule or embargo a contributor's piece while they type. Their next
save (or their autosave copy) is then refused, but not as a bare 403: they get the piece
read-only, as saved, with the text they typed above it to copy. Nothing is saved, and a user who
could not open the piece is refused as before.
"""

import copy

from django.db import models
from django.utils.text import capfirst

from articles.models import Article
from articles.workflow import roles


def typed_text(article: Article, values) -> list[tuple[str, str]]:
    """(label, text) of each text field of `article` that `values` (a POST, or an autosave
    buffer's fields) holds with something other than the piece as saved."""
    typed = []
    for field in Article._meta.concrete_fields:
        if not field.editable or not isinstance(field, models.CharField | models.TextField):
            continue
        value = values.get(field.name)
        saved = field.value_from_object(article) or ""
        if isinstance(value, str) and value.strip() and value != saved:
            typed.append((capfirst(field.verbose_name), value))
    return typed


def no_longer_yours(article: Article) -> str:
    """Why an author's save of their own piece was refused: an editor moved it on."""
    if article.is_embargoed:
        done = "put this piece under embargo"
    elif article.is_scheduled:
        done = "scheduled this piece"
    elif article.status == Article.Status.PUBLISHED:
        done = "published this piece"
    elif article.status == Article.Status.UNPUBLISHED:
        done = "unpublished this piece"
    else:
        return "You may no longer change this piece, so nothing was saved."
    return f"An editor {done} while you were editing, so it is no longer yours to change."


class RefusedSaveAdmin:
    """Mixed into the article admin: shows a refused owner's save as their text to copy."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        article = self.article_for_context(request, object_id) if object_id else None
        if (
            request.method == "POST"
            and article is not None
            and self.refuses_owner(request, article)
        ):
            return self.show_refused_text(request, article, object_id, form_url, extra_context)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def refuses_owner(self, request, article: Article) -> bool:
        """True when the piece is the user's own, opens for them, and they may no longer change
        it (an editor published it meanwhile): their save is refused, but not as a bare 403."""
        return (
            not self.has_change_permission(request, article)
            and self.has_view_permission(request, article)
            and roles.is_own(request.user, article)
        )

    def show_refused_text(self, request, article, object_id, form_url, extra_context):
        """The piece as saved, read-only, as a GET shows it to its author, with the text they
        posted above it to copy: nothing is saved."""
        context = dict(extra_context or {})
        context["refused_save"] = {
            "reason": no_longer_yours(article),
            "typed": typed_text(article, request.POST),
        }
        reading = copy.copy(request)
        reading.method = "GET"
        return super().changeform_view(reading, object_id, form_url, context)
