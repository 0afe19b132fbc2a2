"""Give an address to any topic stored without one.

The import once took a tag name with no letter or digit ("🎬"), which taggit stored with an
empty slug; every page, list and sitemap linking that topic then failed. Such a topic keeps its
name and gets `topic-<key>` as its slug (`topic-<key>-2`… where another topic holds that).
Going back changes nothing: no address is taken away.
"""

from django.db import migrations


def give_addresses(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    for tag in Tag.objects.filter(slug=""):
        # The first of topic-<key>, topic-<key>-2, … that no other topic holds.
        base, number = f"topic-{tag.pk}", 1
        tag.slug = base
        while Tag.objects.filter(slug=tag.slug).exclude(pk=tag.pk).exists():
            number += 1
            tag.slug = f"{base}-{number}"
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0028_correction_event"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(give_addresses, migrations.RunPython.noop, elidable=True)]
