"""Two people, one article: who else has it open, and refusing a save based on an old copy.

Presence is advisory and lives in the cache (Redis in production, so every app server sees it);
it is keyed by user, so the same person in two tabs is never "someone else". Conflicts are
decided by the article's `version`, which every save increments: a save that starts from an
older version is refused, with what changed meanwhile, and the editor's input stays on the form.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import reversion
from django.core.cache import cache
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from newsroom.revisions import FieldChange, changes_between, current_state, version_state

# How long an open change form counts as "editing" after it was last loaded or saved.
PRESENCE_WINDOW = timedelta(minutes=5)


def _presence_key(article_id: int) -> str:
    return f"articles:editing:{article_id}"


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()


def note_editing(*, article_id: int, user, now: datetime | None = None) -> None:
    """Record that `user` has the article open now."""
    now = now or timezone.now()
    editors = _recent(cache.get(_presence_key(article_id)) or {}, now)
    editors[user.pk] = (display_name(user), now)
    cache.set(_presence_key(article_id), editors, int(PRESENCE_WINDOW.total_seconds()))


def stop_editing(*, article_id: int, user) -> None:
    editors = cache.get(_presence_key(article_id)) or {}
    if editors.pop(user.pk, None) is not None:
        cache.set(_presence_key(article_id), editors, int(PRESENCE_WINDOW.total_seconds()))


def others_editing(*, article_id: int, user, now: datetime | None = None) -> list[str]:
    """Names of other people who opened the article in the last few minutes."""
    editors = _recent(cache.get(_presence_key(article_id)) or {}, now or timezone.now())
    return sorted(name for user_id, (name, _) in editors.items() if user_id != user.pk)


def _recent(editors: dict, now: datetime) -> dict:
    return {
        user_id: (name, seen)
        for user_id, (name, seen) in editors.items()
        if now - seen < PRESENCE_WINDOW
    }


@dataclass
class Conflict:
    """A save refused because the article changed after the editor opened it."""

    saved_by: str
    saved_at: datetime | None
    changes: list[FieldChange] = field(default_factory=list)
    changes_known: bool = False
    # Names of the files the refused save carried: a browser cannot put them back in the form.
    files: list[str] = field(default_factory=list)
    # The save in between was the same person's: a second tab, or a form gone back to.
    saved_by_you: bool = False

    @property
    def summary(self) -> str:
        who = self.saved_by or "Someone else"
        when = (
            timezone.localtime(self.saved_at).strftime(" at %H:%M %Z on %b %-d")
            if self.saved_at
            else ""
        )
        changed = ", ".join(change.label for change in self.changes) or (
            "no field shown here" if self.changes_known else "not recorded"
        )
        if self.saved_by_you:
            return (
                f"You saved this article{when}, after this page was opened (in another tab or "
                "window, or before going back to this page). The changes on this page are not "
                f"saved yet; they are still in the form below{self.files_note}. Changed "
                f"meanwhile: {changed}. Check that save, then save again to replace it with "
                "this page."
            )
        return (
            f"{who} saved this article{when}, after you opened it. Your changes are not saved "
            f"yet; they are still in the form below{self.files_note}. Changed meanwhile: "
            f"{changed}. Check their changes, then save again to replace them with yours."
        )

    @property
    def files_note(self) -> str:
        """What the form lacks of the refused save: the files, to be chosen again."""
        if not self.files:
            return ""
        which = "the file you chose" if len(self.files) == 1 else "the files you chose"
        names = " and ".join(self.files)
        return (
            f", except {which}, which a browser cannot keep: choose {names} again before you save"
        )


def ensure_baseline_revision(article: Article) -> None:
    """Keep the article as it is now when it has no revision yet (made by an import or script),
    so a later conflict or comparison has the version the editor started from."""
    if Version.objects.get_for_object(article).exists():
        return
    with reversion.create_revision():
        reversion.set_comment("As it was before its first edit in the admin.")
        reversion.add_to_revision(article)


def edit_token(article: Article) -> str:
    """What the change form carries: the version it shows and that version's revision."""
    latest = Version.objects.get_for_object(article).order_by("-pk").values_list("pk", flat=True)
    return f"{article.version}:{latest.first() or 0}"


_TOKEN = re.compile(r"(\d+):(\d+)", re.ASCII)


def parse_token(token: str) -> tuple[int, int] | None:
    """The version and revision a token names, or None for anything but two ASCII numbers."""
    match = _TOKEN.fullmatch(token or "")
    if match is None:
        return None
    return int(match[1]), int(match[2])


def find_conflict(
    *, article: Article, token: str, live_version: int | None = None, user=None
) -> Conflict | None:
    """The conflict when `token` names an older version than the one saved, else None.

    Locks the row until the end of the transaction, so two saves cannot both pass the check.
    `live_version` overrides the stored version while a revision is being restored (the row
    holds the old copy then). A conflict with a save by `user` themselves says so.
    """
    # The lock and the version alone: a save that conflicts with nothing reads no more.
    stored = Article.objects.select_for_update().filter(pk=article.pk)
    saved_version = stored.values_list("version", flat=True).first()
    if saved_version is None:
        return None
    version = live_version if live_version is not None else saved_version
    parsed = parse_token(token)
    if parsed is not None and parsed[0] == version:
        return None
    current = Article.objects.get(pk=article.pk)
    base_revision = parsed[1] if parsed else 0
    later = (
        Version.objects.get_for_object(current)
        .filter(pk__gt=base_revision)
        .select_related("revision__user")
        .order_by("-pk")
    )
    latest = later.first()
    saved_by = latest.revision.user if latest else None
    conflict = Conflict(
        saved_by=display_name(saved_by) if saved_by else "",
        saved_at=latest.revision.date_created if latest else current.updated_at,
        saved_by_you=saved_by is not None and user is not None and saved_by.pk == user.pk,
    )
    base = Version.objects.get_for_object(current).filter(pk=base_revision).first()
    if base is not None:
        conflict.changes = changes_between(version_state(base), current_state(current))
        conflict.changes_known = True
    return conflict
