"""The site settings note when they were last saved, for their change form to refuse a save from
a copy opened before another editor's (`newsroom.admin_base.StaleSavesRefused`).

Settings saved before are dated from the migration; going back drops the column.
"""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('newsroom', '0007_deleted_site_page_former_addresses'),
    ]

    operations = [
        migrations.AddField(
            model_name='sitesettings',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
    ]
