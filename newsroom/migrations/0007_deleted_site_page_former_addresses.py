"""A deleted site page's former addresses are noted with its deletion, so that one recovered
answers them again (`newsroom.deleted_pages`), as a deleted article's are (articles 0036).

Pages deleted before keep none (those addresses are gone); going back drops the notes.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('newsroom', '0006_site_page_former_addresses'),
    ]

    operations = [
        migrations.CreateModel(
            name='DeletedSitePage',
            fields=[
                ('page_id', models.BigIntegerField(primary_key=True, serialize=False)),
                ('former_addresses', models.JSONField(blank=True, default=list)),
            ],
            options={
                'verbose_name': "deleted site page's former addresses",
                'verbose_name_plural': "deleted site pages' former addresses",
            },
        ),
    ]
