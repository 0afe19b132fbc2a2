"""An article and its stored row: how a row read in part is completed, and what a save compares
with the row it overwrites (`StoredRow`, a mixin of `Article`)."""

from datetime import datetime
from functools import cache
from typing import NamedTuple

from django.db import models, router
from django.utils import timezone

from articles.models.choices import ArticleStatus
from articles.models.queryset import SEARCH_FIELDS
from articles.workflow import recovery, versions
from newsroom import former_addresses, free_addresses, revisions
from newsroom.compiled import CompiledLookup, row_columns

# What a save compares with the stored row: a changed address leaves a redirect behind when the
# piece has been public, and a publication time set by the embargo moves with a changed embargo.
SAVED_STATE = ("slug", "status", "published_at", "embargoed_until")
# Unpublishing keeps the publication time, so a withdrawn piece whose time has passed ran there.
HAS_RUN = (ArticleStatus.PUBLISHED, ArticleStatus.UNPUBLISHED)


class StoredColumns(NamedTuple):
    """A model's row but for the search columns, and the lookup reading it by key."""

    columns: tuple[str, ...]
    lookup: CompiledLookup


@cache
def stored_columns(model: type[models.Model]) -> StoredColumns:
    """What a page reads of a piece once it loads more than its key, compiled once (pages load
    it on every request the cache cannot answer)."""
    columns = row_columns(model, leaving=SEARCH_FIELDS)
    lookup = CompiledLookup(
        lambda pk: model._base_manager.filter(pk=pk).values_list(*columns), pk=int
    )
    return StoredColumns(columns, lookup)


class StoredRow:
    """Reading the rest of a row read in part, and noting the stored address and public state
    (`saved_state`) so that a save can tell what it changed."""

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.remember_saved_state()
        return instance

    def _save_table(
        self,
        raw=False,
        cls=None,
        force_insert=False,
        force_update=False,
        using=None,
        update_fields=None,
    ):
        # A version written back from the piece's history (a raw save) continues from the
        # highest the piece had, and a deleted piece comes back off the site. The row's unique
        # columns are kept clear of other articles' where a save would meet the database's
        # rule: the address of a restored version, and the original's identity.
        recovered = raw and versions.written_back(self, using=using)
        if recovered:
            recovery.come_back_unpublished(self, deleted_at=recovered.deleted_at)
        notes = revisions.restore_notes() if raw else None
        if recovered or notes is not None:
            self.let_go_of_deleted(using=using)
        if notes is not None:
            free_addresses.keep_clear_of_taken_slug(self, notes, using=using)
        self.keep_clear_of_taken_origin(raw=raw, using=using, update_fields=update_fields)
        with free_addresses.written_back_clear(self, notes):
            written = super()._save_table(
                raw, cls, force_insert, force_update, using, update_fields
            )
        if recovered:
            former_addresses.bring_back(self, former=recovered.former_addresses, using=using)
        return written

    def let_go_of_deleted(self, *, using: str | None) -> None:
        """A version written back from the history names whom it named then: someone deleted
        since (its creator, the editor who returned it) is named by no one, as their deletion
        left the row. Kept, the row would fail the database's rule as the restore commits (a
        fixture, also written raw, may name people it loads after it: it is left alone)."""
        for field in type(self)._meta.concrete_fields:
            if not field.many_to_one or field.remote_field.on_delete is not models.SET_NULL:
                continue
            pk = getattr(self, field.attname)
            people = field.related_model._base_manager.using(using)
            if pk is not None and not people.filter(pk=pk).exists():
                setattr(self, field.attname, None)

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        """Reading one unloaded field loads every unloaded field but the search columns.

        Pages load few columns and fetch the rest only when a kept fragment must be made again;
        then one query, not one per field the templates read.
        """
        if fields is not None:
            fields = set(fields)
            unloaded = self.get_deferred_fields()
            if fields & unloaded:
                fields |= unloaded - (set(SEARCH_FIELDS) - fields)
                if from_queryset is None and fields <= set(stored_columns(type(self)).columns):
                    self.load_row(fields, using=using)
                    self.remember_saved_state(fields)
                    return
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        self.remember_saved_state(fields)

    def load_row(self, fields: set[str], *, using: str | None = None) -> None:
        """Set `fields` from the stored row, read whole but for the search columns."""
        model = type(self)
        using = using or router.db_for_read(model, instance=self)
        stored = stored_columns(model)
        found = stored.lookup.rows(pk=self.pk, using=using)
        if not found:
            raise model.DoesNotExist(f"{model.__name__} matching query does not exist.")
        for name, value in zip(stored.columns, found[0], strict=True):
            if name in fields:
                setattr(self, name, value)
        self._state.db = using

    def remember_saved_state(self, fields: set[str] | None = None) -> None:
        """Note the address and public state as stored, to see what a save changes: all of it
        as loaded, or only `fields`, just read or written."""
        loaded = self.__dict__
        read = {
            name: loaded[name]
            for name in SAVED_STATE
            if name in loaded and (fields is None or name in fields)
        }
        self.saved_state = read if fields is None else {**getattr(self, "saved_state", {}), **read}

    def read_saved_state(self, using: str | None = None) -> None:
        """Read what the stored row says of the address and public state where this instance
        was loaded without it (`only()`, `defer()`), before a save writes over it: otherwise a
        changed slug would leave no redirect behind."""
        known = getattr(self, "saved_state", {})
        missing = [name for name in SAVED_STATE if name not in known]
        if not missing:
            return
        row = type(self)._base_manager.using(using or self._state.db).filter(pk=self.pk)
        stored = row.values(*missing).first()
        if stored is not None:
            self.saved_state = {**known, **stored}

    def stored_public_since(self) -> datetime | None:
        """When the stored row went public, while readers see it; None when they do not (a new
        piece, a draft, a withdrawn or scheduled one)."""
        if self._state.adding or self.pk is None:
            return None
        self.read_saved_state()
        stored = getattr(self, "saved_state", {})
        ran = stored.get("published_at")
        if stored.get("status") != ArticleStatus.PUBLISHED or ran is None or ran > timezone.now():
            return None
        return ran

    def follow_saved_slug(self, written: set[str] | None) -> None:
        """After a save writing `written` (every field: None): keep the stored address as a
        redirect when the slug changed and readers have seen the piece there, then note the
        row as it is now.

        A piece taken down has been seen too: its links are still out there, and readers
        follow them to the new address once it runs again (`find_redirect` sends them only to
        public pieces)."""
        before = getattr(self, "saved_state", {})
        if "slug" in before and (written is None or "slug" in written):
            former_addresses.follow_slug_change(
                self,
                old_slug=before["slug"],
                was_public=before.get("status") in HAS_RUN
                and before.get("published_at") is not None
                and before["published_at"] <= timezone.now(),
            )
        self.remember_saved_state(written)
