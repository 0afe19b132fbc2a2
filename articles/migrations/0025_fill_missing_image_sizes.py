"""Store the width and height of pictures saved without them.

A picture saved from a file without a name (as `seed_demo` did) was stored with no width or
height, and each time its row was read the image field opened the picture from storage to
measure it. Rows read from the database no longer do that (`newsroom.rows`), so the sizes are
measured here, once. A picture that cannot be read (missing from storage, not an image, storage
out of reach) is left as it is; each size is written as soon as it is known, so a long run over
object storage holds no rows locked.
"""

from django.core.files.images import get_image_dimensions
from django.db import migrations
from django.db.models import Q

# Each model with a picture whose size has columns of its own: its app, the picture's field,
# then the width's and the height's.
SIZED_PICTURES = {
    ("articles", "Article"): [("featured_image", "featured_image_width", "featured_image_height")],
    ("articles", "MediaKitItem"): [("image", "width", "height")],
    ("newsroom", "SiteSettings"): [
        ("logo", "logo_width", "logo_height"),
        ("default_image", "default_image_width", "default_image_height"),
    ],
}


def measure_pictures(apps, schema_editor):
    using = schema_editor.connection.alias
    for (app_label, model_name), pictures in SIZED_PICTURES.items():
        model = apps.get_model(app_label, model_name)
        for picture, width, height in pictures:
            storage = model._meta.get_field(picture).storage
            # An image field takes a size of 0, as of None, for one not known.
            unknown = Q(**{f"{width}__isnull": True}) | Q(**{f"{height}__isnull": True})
            unknown |= Q(**{width: 0}) | Q(**{height: 0})
            rows = model.objects.using(using).exclude(**{picture: ""}).filter(unknown)
            sizes = {}
            for pk, name in rows.values_list("pk", picture):
                if name not in sizes:
                    sizes[name] = read_size(storage, name)
                if None not in sizes[name]:
                    found = dict(zip((width, height), sizes[name], strict=True))
                    model.objects.using(using).filter(pk=pk).update(**found)


def read_size(storage, name: str) -> tuple[int | None, int | None]:
    try:
        with storage.open(name) as file:
            return get_image_dimensions(file)
    except Exception:  # any storage's error: the picture is left unmeasured
        return (None, None)


class Migration(migrations.Migration):
    # Each size is written on its own: a failure leaves those written, and running again
    # measures the rest.
    atomic = False

    dependencies = [
        ("articles", "0024_featured_index_keys_status"),
        ("newsroom", "0005_site_boilerplate"),
    ]

    operations = [
        migrations.RunPython(measure_pictures, migrations.RunPython.noop, elidable=True),
    ]
