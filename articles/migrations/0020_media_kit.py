"""The media kit: pictures and documents on a release or on the press room, and who may edit
them: editors everything, contributors only see them (on the releases they may open)."""

import articles.models
import django.db.models.deletion
import newsroom.photos.fields
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

GRANTS = {
    "Editors": ("add", "change", "delete", "view"),
    "Contributors": ("view",),
}


def _permissions(apps, actions):
    # Permissions are normally created after all migrations; make sure they exist now.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="articles",
        codename__in=[f"{action}_mediakititem" for action in actions],
    )


def grant_kit_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, actions in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*_permissions(apps, actions))


def withdraw_kit_permissions(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="articles", content_type__model="mediakititem"
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0019_draft_buffer'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.CreateModel(
            name='MediaKitItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(help_text='What it is, e.g. “The Lisbon plant from the river”.', max_length=200)),
                ('image', newsroom.photos.fields.PhotoField(blank=True, height_field='height', help_text='A JPEG, PNG, WebP or GIF, as large as you have it: readers download the original or a web size. Or give a document instead.', max_length=200, upload_to=articles.models.kit_file_name, validators=[newsroom.photos.fields.validate_image_file], verbose_name='picture', width_field='width')),
                ('document', models.FileField(blank=True, help_text='A PDF, such as a fact sheet, instead of a picture.', max_length=200, upload_to=articles.models.kit_file_name, validators=[articles.models.validate_pdf_file])),
                ('alt_text', models.CharField(blank=True, help_text='Required with a picture: what it shows, for readers who cannot see it.', max_length=250)),
                ('caption', models.CharField(blank=True, max_length=500)),
                ('credit', models.CharField(blank=True, help_text='As it must be printed, e.g. “Photo: Ana Costa / Zephyrcorp”. Written into the downloaded JPEG.', max_length=150)),
                ('usage_terms', models.CharField(blank=True, help_text='e.g. “Free for editorial use with credit. Not for advertising.” Written into the downloaded JPEG.', max_length=500)),
                ('position', models.PositiveSmallIntegerField(default=0, help_text='Lower numbers come first.', verbose_name='order')),
                ('width', models.PositiveIntegerField(blank=True, editable=False, null=True)),
                ('height', models.PositiveIntegerField(blank=True, editable=False, null=True)),
                ('file_size', models.PositiveBigIntegerField(blank=True, editable=False, null=True)),
                ('image_renditions', models.JSONField(blank=True, default=dict, editable=False)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('article', models.ForeignKey(blank=True, help_text="Empty for the press room's own kit (logos, portraits, fact sheets).", null=True, on_delete=django.db.models.deletion.CASCADE, related_name='kit_items', to='articles.article', verbose_name='release')),
            ],
            options={
                'verbose_name': 'media kit item',
                'ordering': ['position', 'id'],
                'indexes': [models.Index(fields=['article', 'position', 'id'], name='kititem_order_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('title', ''), _negated=True), name='kititem_title_not_empty'), models.CheckConstraint(condition=models.Q(models.Q(('image', ''), models.Q(('document', ''), _negated=True)), models.Q(models.Q(('image', ''), _negated=True), ('document', '')), _connector='OR'), name='kititem_one_file', violation_error_message='Give a picture or a document: one of them, not both.'), models.CheckConstraint(condition=models.Q(('image', ''), models.Q(('alt_text', ''), _negated=True), _connector='OR'), name='kititem_image_has_alt')],
            },
        ),
        migrations.RunPython(grant_kit_permissions, withdraw_kit_permissions),
    ]
