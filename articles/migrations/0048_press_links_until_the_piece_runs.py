"""A journalist's link ends when its piece is out: for a piece scheduled to run after its
embargo, at that later time (`articles.embargo.access`). Links made before ended at the
embargo: those still ending with it follow the piece's run, and go back to the embargo. Links
the editor ended sooner, and revoked ones, keep their time.
"""

from django.db import migrations
from django.db.models import F, OuterRef, Subquery


def _links_to_pieces_running_later(apps):
    return apps.get_model("articles", "PressAccess").objects.filter(
        revoked_at=None,
        article__status="published",
        article__published_at__gt=F("article__embargoed_until"),
    )


def _time_of(apps, field):
    Article = apps.get_model("articles", "Article")
    return Subquery(Article.objects.filter(pk=OuterRef("article_id")).values(field)[:1])


def until_the_piece_runs(apps, schema_editor):
    links = _links_to_pieces_running_later(apps)
    links.filter(expires_at=F("article__embargoed_until")).update(
        expires_at=_time_of(apps, "published_at")
    )


def until_the_embargo(apps, schema_editor):
    links = _links_to_pieces_running_later(apps)
    links.filter(expires_at=F("article__published_at")).update(
        expires_at=_time_of(apps, "embargoed_until")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0047_spoiler_subject_slugs_in_every_script"),
    ]

    operations = [
        migrations.RunPython(until_the_piece_runs, until_the_embargo, elidable=True),
    ]
