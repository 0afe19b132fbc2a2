"""The editors' pages measured in process: the article list with each filter, search and order,
an article with many revisions, its history, the autocompletes, the dashboard and the calendar,
as a superuser, an editor and a contributor.

    python -m newsroom.demo.bench_admin --prepare      # once, on a database made by make_corpus
    python -m newsroom.demo.bench_admin --rounds 5 [--only changelist] [--explain 3]

`--prepare` adds what an archive of published pieces lacks: the three people (the contributor
has a byline on 300 pieces, 60 of them still being written), 2% of the others' pieces turned
into drafts, pieces in review, scheduled or unpublished ones, planned drafts in the coming
month, and one piece saved 60 times with its revisions. Each page is asked for once to warm up,
then `--rounds` times; the figures are the median milliseconds and the queries of a request,
and `--explain N` prints EXPLAIN (ANALYZE, BUFFERS) of each page's N slowest queries.
"""

import argparse
import json
import os
import statistics
import time

PEOPLE = {"superuser": "bench-super", "editor": "bench-editor", "contributor": "bench-contrib"}
REVISIONS = 60


def prepare() -> None:
    from datetime import timedelta

    import reversion
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.utils import timezone

    from articles.models import Article, Author, Byline

    User = get_user_model()
    if User.objects.filter(username=PEOPLE["editor"]).exists():
        return
    now = timezone.now()
    with transaction.atomic():
        User.objects.create_superuser(PEOPLE["superuser"], "super@example.com", "bench")
        editor = User.objects.create_user(PEOPLE["editor"], "ed@example.com", "bench")
        contributor = User.objects.create_user(PEOPLE["contributor"], "co@example.com", "bench")
        for user, group in ((editor, "Editors"), (contributor, "Contributors")):
            user.is_staff = True
            user.save()
            user.groups.add(Group.objects.get(name=group))
        own = Author.objects.create(name="Bench Contributor", slug="bench-contributor")
        own.user = contributor
        own.save()
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        theirs = ids[::333][:300]
        Byline.objects.bulk_create([Byline(article_id=pk, author=own, position=9) for pk in theirs])
        Article.objects.filter(pk__in=theirs[:30]).update(status="draft", published_at=None)
        Article.objects.filter(pk__in=theirs[30:60]).update(status="in-review", published_at=None)
        others = [pk for pk in ids[7::50] if pk not in set(theirs)]
        for index, state in enumerate(("draft", "in-review", "unpublished", "scheduled")):
            chosen = others[index::4]
            if state == "scheduled":
                Article.objects.filter(pk__in=chosen).update(
                    status="published", published_at=now + timedelta(days=3)
                )
            elif state == "unpublished":
                Article.objects.filter(pk__in=chosen).update(status=state)
            else:
                Article.objects.filter(pk__in=chosen).update(
                    status=state, published_at=None, planned_for=now + timedelta(days=10)
                )
    article = Article.objects.get(pk=theirs[0])
    for number in range(REVISIONS):
        with reversion.create_revision():
            reversion.set_user(editor)
            article.dek = f"The summary, draft {number}."
            article.save()


def pages(client_for) -> list[tuple[str, str, str]]:
    """(role, name, url) of every page measured."""
    from django.urls import reverse
    from reversion.models import Version
    from taggit.models import Tag

    from articles.models import Article, Author

    listing = reverse("admin:articles_article_changelist")
    many = Article.objects.get(bylines__author__slug="bench-contributor", dek__endswith="59.")
    version = Version.objects.get_for_object(many).order_by("pk").first()
    tag = Tag.objects.order_by("pk").first()
    author = Author.objects.exclude(slug="bench-contributor").order_by("pk").first()
    other = Author.objects.get(slug="bench-contributor")
    listed = [
        ("changelist", ""),
        ("page 2", "?p=2"),
        ("last page", "?p=LAST"),
        ("search", "?q=climate"),
        *(
            (f"status {state}", f"?state={state}")
            for state in ("draft", "in-review", "scheduled", "live", "unpublished")
        ),
        ("yours", "?mine=in-progress"),
        ("kind", "?kind__exact=op-ed"),
        ("tag", f"?tag={tag.slug}"),
        ("author", f"?author={author.pk}"),
        ("featured", "?is_featured__exact=1"),
        ("past 7 days", "?published_at__gte=PAST7"),
        ("year", "?published_at__year=2020"),
        *((f"order {column}", f"?o={column}") for column in ("1", "-1", "2", "3", "4", "-4")),
    ]
    found = []
    for role in PEOPLE:
        for name, query in listed:
            found.append((role, name, listing + query))
        found.append((role, "forged author", f"{listing}?author={other.pk}&state=draft"))
        found += [
            (role, "change", reverse("admin:articles_article_change", args=[many.pk])),
            (role, "history", reverse("admin:articles_article_history", args=[many.pk])),
            (
                role,
                "revision",
                reverse("admin:articles_article_revision", args=[many.pk, version.pk]),
            ),
            (
                role,
                "author autocomplete",
                reverse("admin:autocomplete")
                + "?app_label=articles&model_name=byline&field_name=author&term=a",
            ),
            (role, "authors", reverse("admin:articles_author_changelist")),
            (role, "topics", reverse("admin:taggit_tag_changelist") + "?q=a"),
            (role, "dashboard", reverse("admin:index")),
            (role, "calendar", reverse("admin:desk_calendar")),
            (role, "press list", reverse("admin:articles_journalist_changelist")),
        ]
    return found


def _resolve(client, url: str) -> str:
    from datetime import timedelta

    from django.utils import timezone

    if "PAST7" in url:
        since = (timezone.localdate() - timedelta(days=7)).isoformat()
        url = url.replace("PAST7", since)
    if "p=LAST" in url:
        count = client.get(url.replace("?p=LAST", "")).context["cl"].paginator.num_pages
        url = url.replace("p=LAST", f"p={count}")
    return url


def measure(*, rounds: int, only: str, explain: int) -> list[dict]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients = {}
    for role, username in PEOPLE.items():
        clients[role] = Client()
        clients[role].force_login(get_user_model().objects.get(username=username))
    rows = []
    for role, name, url in pages(clients):
        if only and only not in name:
            continue
        client = clients[role]
        url = _resolve(client, url)
        status = client.get(url).status_code
        times, queries = [], []
        for _ in range(rounds):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            queries.append(captured.captured_queries)
        slowest = sorted(queries[-1], key=lambda query: -float(query["time"]))
        row = {
            "role": role,
            "page": name,
            "url": url,
            "status": status,
            "ms": round(statistics.median(times), 1),
            "queries": len(queries[-1]),
            "slowest": [(float(q["time"]) * 1000, q["sql"]) for q in slowest[:explain]],
        }
        rows.append(row)
        print(f"{role:12} {name:22} {status} {row['ms']:9.1f} ms {row['queries']:3} q", flush=True)
        for ms, sql in row["slowest"]:
            print(f"    {ms:8.1f} ms  {sql[:3000]}")
            if explain and connection.vendor == "postgresql" and sql.lstrip().startswith("SELECT"):
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                    for (line,) in cursor.fetchall():
                        print("        " + line)
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prepare", action="store_true")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", default="", help="Only the pages whose name has this.")
    parser.add_argument("--explain", type=int, default=0)
    parser.add_argument("--output", default="")
    arguments = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment()
    if arguments.prepare:
        prepare()
        return
    rows = measure(rounds=arguments.rounds, only=arguments.only, explain=arguments.explain)
    if arguments.output:
        with open(arguments.output, "w") as out:
            json.dump(rows, out, indent=1)


if __name__ == "__main__":
    main()
