"""Press contacts, a release's own media contacts and "About" paragraph, and who may edit
contacts: editors everything, contributors only see them (to name them on their drafts)."""

import articles.models
import newsroom.photos.fields
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

GRANTS = {
    "Editors": ("add", "change", "delete", "view"),
    "Contributors": ("view",),
}


def grant_contact_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, actions in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        codenames = [f"{action}_presscontact" for action in actions]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
        )


def withdraw_contact_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="articles", content_type__model="presscontact"
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0015_slug_follows_headline'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='boilerplate',
            field=models.TextField(blank=True, help_text="Replaces the organisation's “About” paragraph from the site settings on this release only. Leave empty to use that one.", verbose_name='“About” paragraph for this release'),
        ),
        migrations.AddField(
            model_name='article',
            name='omit_boilerplate',
            field=models.BooleanField(default=False, help_text='For a release that should end with its own text.', verbose_name='leave out the “About” paragraph'),
        ),
        migrations.CreateModel(
            name='PressContact',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=120)),
                ('slug', models.SlugField(help_text='The address of their contact card, e.g. /press/contacts/ruth-calloway.vcf.', max_length=120)),
                ('role', models.CharField(blank=True, help_text='As journalists should see it, e.g. Press officer.', max_length=120)),
                ('email', models.EmailField(blank=True, max_length=254)),
                ('phone', models.CharField(blank=True, help_text='With the country code, e.g. +44 20 7946 0123.', max_length=40, validators=[articles.models.validate_phone])),
                ('covers', models.CharField(blank=True, help_text='What journalists should call them about, e.g. “Product launches, Europe”.', max_length=200, verbose_name='topics or regions')),
                ('photo', newsroom.photos.fields.PhotoField(blank=True, help_text='Optional. A square portrait works best. JPEG, PNG, WebP or GIF.', upload_to='press/', validators=[newsroom.photos.fields.validate_image_file])),
                ('photo_renditions', models.JSONField(blank=True, default=dict, editable=False)),
                ('for_releases', models.BooleanField(default=True, help_text='Shown on every press release that names no media contacts of its own.', verbose_name='default for press releases')),
                ('position', models.PositiveSmallIntegerField(default=0, help_text='Lower numbers come first, on /press/ and on releases.', verbose_name='order')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': 'press contact',
                'ordering': ['position', 'name', 'id'],
                'indexes': [models.Index(fields=['position', 'name', 'id'], name='presscontact_order_idx')],
                'constraints': [models.UniqueConstraint(fields=('slug',), name='presscontact_unique_slug'), models.CheckConstraint(condition=models.Q(('slug', ''), _negated=True), name='presscontact_slug_not_empty'), models.CheckConstraint(condition=models.Q(('name', ''), _negated=True), name='presscontact_name_not_empty'), models.CheckConstraint(condition=models.Q(models.Q(('email', ''), _negated=True), models.Q(('phone', ''), _negated=True), _connector='OR'), name='presscontact_reachable', violation_error_message='Give an email address, a phone number or both: a contact journalists cannot reach is no use to them.')],
            },
        ),
        migrations.AddField(
            model_name='article',
            name='press_contacts',
            field=models.ManyToManyField(blank=True, help_text='Who journalists should call about this release. Left empty, the contacts marked “default for press releases” are shown.', related_name='releases', to='articles.presscontact', verbose_name='media contacts'),
        ),
        migrations.RunPython(grant_contact_permissions, withdraw_contact_permissions),
    ]
