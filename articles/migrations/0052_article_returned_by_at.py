"""Who returned a piece to draft and when, kept on the piece (`returned_by`, `returned_at`) where
they were read from the history's revision naming the return.

A draft returned with a note before this migration gets them from the latest revision whose
comment names that note, as the notice read them until now: the same name and time. A return
without a note left no mark on the piece, and one recorded outside a revision none in the
history: those keep neither. Going back drops the columns; the history still holds both."""

from django.conf import settings
from django.db import migrations, models

# How the history named a return with a note (`articles.workflow.publishing`), as of now: the
# migration must read it as it was written whatever the code says later.
NOTED_RETURN = "Returned to draft. Note to the writer: “{}”"
BATCH = 500


def keep_who_and_when(apps, schema_editor):
    db = schema_editor.connection.alias
    Article = apps.get_model("articles", "Article")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    notes = dict(
        Article.objects.using(db)
        .filter(status="draft")
        .exclude(return_note="")
        .values_list("pk", "return_note")
    )
    articles = ContentType.objects.using(db).filter(app_label="articles", model="article")
    if not notes or not articles.exists():
        return
    prefix = NOTED_RETURN.partition("{")[0]
    found = {}
    ids = sorted(notes)
    for start in range(0, len(ids), BATCH):
        # Each batch's returns with a note in one query, newest first: the first naming a
        # piece's own note is its standing return.
        returns = (
            Version.objects.using(db)
            .filter(
                content_type__in=articles,
                db=db,
                object_id__in=[str(pk) for pk in ids[start : start + BATCH]],
                revision__comment__startswith=prefix,
            )
            .order_by("-revision__date_created", "-pk")
            .values_list(
                "object_id", "revision__comment", "revision__user", "revision__date_created"
            )
        )
        for object_id, comment, user_id, at in returns.iterator():
            pk = int(object_id)
            if pk not in found and comment.startswith(NOTED_RETURN.format(notes[pk])):
                found[pk] = Article(pk=pk, returned_by_id=user_id, returned_at=at)
    Article.objects.using(db).bulk_update(
        found.values(), ["returned_by", "returned_at"], batch_size=BATCH
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0051_subscriber_stopped"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="returned_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="The editor who returned the piece to draft; its writer sees their name.",
                null=True,
                on_delete=models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="returned to draft by",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="returned_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="When an editor returned the piece to draft; empty once it moves on.",
                null=True,
                verbose_name="returned to draft",
            ),
        ),
        migrations.RunPython(keep_who_and_when, migrations.RunPython.noop),
    ]
