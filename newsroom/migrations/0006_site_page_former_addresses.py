"""Site pages keep their former addresses, as articles do: a published page's old address
redirects (301) to where it lives now (`newsroom.former_addresses`)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0005_site_boilerplate"),
    ]

    operations = [
        migrations.CreateModel(
            name="SitePageRedirect",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "old_slug",
                    models.SlugField(
                        help_text="The page's former address, e.g. about for /about/.",
                        max_length=120,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="slug_redirects",
                        to="newsroom.sitepage",
                    ),
                ),
            ],
            options={
                "verbose_name": "former address",
                "verbose_name_plural": "former addresses",
                "ordering": ["-created_at"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("old_slug",), name="sitepageredirect_unique_old_slug"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("old_slug", ""), _negated=True),
                        name="sitepageredirect_slug_not_empty",
                    ),
                ],
            },
        ),
    ]
