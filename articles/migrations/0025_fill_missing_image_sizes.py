"""Store the width and height of pictures saved without them.

A picture saved from a file without a name (as `seed_demo` did) was stored with no width or
height, and each time its row was read the image field opened the picture from storage to
measure it. Rows read from the database no longer do that (`newsroom.rows`), so the sizes are
measured here, once. A picture missing from storage is left as it is.
"""

from django.core.files.images import get_image_dimensions
from django.db import migrations

# Each model with a picture whose size has columns of its own: the picture's field, then the
# width's and the height's.
SIZED_PICTURES = {
    "Article": ("featured_image", "featured_image_width", "featured_image_height"),
    "MediaKitItem": ("image", "width", "height"),
}


def measure_pictures(apps, schema_editor):
    using = schema_editor.connection.alias
    for model_name, (picture, width, height) in SIZED_PICTURES.items():
        model = apps.get_model("articles", model_name)
        storage = model._meta.get_field(picture).storage
        unmeasured = (
            model.objects.using(using)
            .exclude(**{picture: ""})
            .filter(**{f"{width}__isnull": True})
            .values_list("pk", picture)
        )
        for pk, name in unmeasured:
            try:
                with storage.open(name) as file:
                    size = get_image_dimensions(file)
            except OSError:
                continue
            if None not in size:
                model.objects.using(using).filter(pk=pk).update(**{width: size[0], height: size[1]})


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0024_featured_index_keys_status"),
    ]

    operations = [
        migrations.RunPython(measure_pictures, migrations.RunPython.noop, elidable=True),
    ]
