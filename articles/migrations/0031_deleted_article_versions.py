"""Keep the version a deleted article had, so that one recovered from its history continues
from there (`articles.workflow.versions`): its calendar event's SEQUENCE never goes down."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0030_origin_key'),
    ]

    operations = [
        migrations.CreateModel(
            name='DeletedVersion',
            fields=[
                ('article_id', models.BigIntegerField(primary_key=True, serialize=False)),
                ('version', models.PositiveIntegerField()),
            ],
            options={
                'verbose_name': "deleted article's version",
            },
        ),
    ]
