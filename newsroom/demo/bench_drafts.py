"""The benchmark's editor: drafts made, edited and published as the admin would.

`make_draft` starts a draft by the benchmark's author, tagged like the tag page it drives, with a
real article's text, ready for the newsroom's own `publish` (articles/workflow/publishing.py);
`keep_editing` saves a draft every second and publishes one every thirty (the editing run's
background, `bench_editor`). Drafts carry slugs starting `bench-edit-`, so `remove_drafts` can
take them all away again and the corpus stays the size `make_corpus` made it.
"""

import itertools
import time
import uuid
from dataclasses import asdict, dataclass, field

from django.db import DatabaseError

from articles.models import Article, Author, Byline
from articles.workflow.checklist import publication_problems
from articles.workflow.publishing import publish

DRAFT_SLUG_PREFIX = "bench-edit-"
# The tag page the benchmark drives (bench_setup.choose_targets) and a second one.
DRAFT_TAGS = ("culture", "product")


def bench_author() -> Author:
    """The author whose page the benchmark drives, and who writes its drafts."""
    return Author.objects.order_by("name").first()


def remove_drafts() -> int:
    """Take away every article the benchmark made; the number taken away."""
    drafts = Article.objects.filter(slug__startswith=DRAFT_SLUG_PREFIX)
    count = drafts.count()
    for article in drafts:
        article.delete()
    return count


def make_draft(*, author: Author, tags: tuple[str, ...] = DRAFT_TAGS) -> Article:
    """A draft ready to publish: the text and summary of a published article, a byline, tags."""
    source = (
        Article.objects.published()
        .filter(origin_url="", origin_platform="", featured_image="", warnings__isnull=True)
        .exclude(slug__startswith=DRAFT_SLUG_PREFIX)
        .order_by("-published_at")
        .first()
    )
    token = uuid.uuid4().hex[:12]
    draft = Article.objects.create(
        headline=f"Benchmark draft {token}",
        slug=f"{DRAFT_SLUG_PREFIX}{token}",
        dek=source.dek,
        body=source.body,
        status=Article.Status.DRAFT,
    )
    Byline.objects.create(
        article=draft, author=author, role=author.role, organisation=author.organisation
    )
    draft.tags.add(*tags)
    if problems := publication_problems(draft):
        raise RuntimeError("The benchmark's draft cannot be published: " + "; ".join(problems))
    return draft


def edit(draft: Article, number: int) -> None:
    """What an editor's save changes: the headline and the last paragraph."""
    draft.headline = f"{draft.headline.split(' · ')[0]} · edit {number}"
    draft.body = draft.body.split("<p>Edit ")[0] + f"<p>Edit {number} of the text.</p>"
    draft.save()


@dataclass
class EditingLog:
    saves: int = 0
    publishes: int = 0
    failures: list[str] = field(default_factory=list)
    published_after_s: list[float] = field(default_factory=list)
    save_ms: list[float] = field(default_factory=list)

    def summary(self) -> dict:
        figures = asdict(self)
        save_ms = sorted(figures.pop("save_ms"))
        figures["median_save_ms"] = round(save_ms[len(save_ms) // 2], 1) if save_ms else None
        return figures


def keep_editing(
    *, duration: float, save_every: float, publish_every: float, author: Author
) -> EditingLog:
    """For `duration` seconds: save the draft every `save_every` seconds and, every
    `publish_every`, publish it and start the next one. A failed save or publish (a database
    busy with readers, say) is noted and the schedule goes on."""
    log = EditingLog()
    draft = make_draft(author=author)
    numbers = itertools.count(1)
    started = time.monotonic()
    deadline = started + duration
    next_save, next_publish = started + save_every, started + publish_every
    while (now := time.monotonic()) < deadline:
        if now >= next_publish:
            next_publish += publish_every
            try:
                publish(draft)
                log.publishes += 1
                log.published_after_s.append(round(now - started, 1))
                draft = make_draft(author=author)
            except DatabaseError as error:
                log.failures.append(f"publish: {error}")
                draft.refresh_from_db()
        elif now >= next_save:
            next_save += save_every
            try:
                edit(draft, next(numbers))
                log.saves += 1
                log.save_ms.append((time.monotonic() - now) * 1000)
            except DatabaseError as error:
                log.failures.append(f"save: {error}")
        else:
            time.sleep(min(next_save, next_publish, deadline) - now)
    return log
