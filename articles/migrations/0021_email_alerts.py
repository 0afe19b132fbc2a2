"""Email alerts: subscribers and the record of each message sent to them. Editors see the
subscribers and what was sent, and erase subscribers (privacy requests); nobody adds or changes
one in the admin, and contributors see none."""

import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

EDITOR_GRANTS = {"subscriber": ("view", "delete"), "alertdelivery": ("view",)}


def _editor_permissions(apps):
    # Permissions are normally created after all migrations; make sure they exist now.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    codenames = [
        f"{action}_{model}" for model, actions in EDITOR_GRANTS.items() for action in actions
    ]
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="articles", codename__in=codenames
    )


def grant_editors(apps, schema_editor):
    editors = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(*_editor_permissions(apps))


def revoke_editors(apps, schema_editor):
    editors = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.remove(*_editor_permissions(apps))


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0020_media_kit'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
    ]

    operations = [
        migrations.CreateModel(
            name='Subscriber',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254)),
                ('key', models.CharField(editable=False, max_length=43)),
                ('everything', models.BooleanField(default=False, help_text='Every piece, whatever its kind, topic or author.', verbose_name='everything')),
                ('kinds', models.CharField(blank=True, help_text='Kinds of piece, if chosen.', max_length=120)),
                ('frequency', models.CharField(choices=[('instant', 'As each piece is published'), ('daily', 'A daily digest')], default='instant', max_length=10)),
                ('wants_corrections', models.BooleanField(default=False, help_text='Also an email when a piece they follow is corrected.', verbose_name='corrections too')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('confirmed_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('last_digest_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='last digest')),
                ('authors', models.ManyToManyField(blank=True, related_name='+', to='articles.author')),
                ('tags', models.ManyToManyField(blank=True, related_name='+', to='taggit.tag')),
            ],
            options={
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='AlertDelivery',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('event_id', models.PositiveBigIntegerField(blank=True, null=True)),
                ('digest_on', models.DateField(blank=True, null=True, verbose_name='digest of')),
                ('kind', models.CharField(blank=True, help_text='What the event was.', max_length=20)),
                ('message_id', models.CharField(max_length=200)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('sent_at', models.DateTimeField(blank=True, null=True)),
                ('failed_at', models.DateTimeField(blank=True, null=True)),
                ('error', models.CharField(blank=True, max_length=300)),
                ('article', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='articles.article')),
                ('subscriber', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='articles.subscriber')),
            ],
            options={
                'verbose_name_plural': 'alert deliveries',
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.AddIndex(
            model_name='subscriber',
            index=models.Index(condition=models.Q(('confirmed_at__isnull', False)), fields=['frequency'], name='subscriber_confirmed_idx'),
        ),
        migrations.AddConstraint(
            model_name='subscriber',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('email'), name='subscriber_unique_email'),
        ),
        migrations.AddConstraint(
            model_name='subscriber',
            constraint=models.UniqueConstraint(fields=('key',), name='subscriber_unique_key'),
        ),
        migrations.AddConstraint(
            model_name='subscriber',
            constraint=models.CheckConstraint(condition=models.Q(('key', ''), _negated=True), name='subscriber_key_not_empty'),
        ),
        migrations.AddConstraint(
            model_name='subscriber',
            constraint=models.CheckConstraint(condition=models.Q(('frequency__in', ['instant', 'daily'])), name='subscriber_frequency_valid'),
        ),
        migrations.AddIndex(
            model_name='alertdelivery',
            index=models.Index(condition=models.Q(('failed_at__isnull', True), ('sent_at__isnull', True)), fields=['event_id', 'digest_on', 'id'], name='alertdelivery_pending_idx'),
        ),
        migrations.AddConstraint(
            model_name='alertdelivery',
            constraint=models.UniqueConstraint(condition=models.Q(('event_id__isnull', False)), fields=('subscriber', 'event_id'), name='alertdelivery_once_per_event'),
        ),
        migrations.AddConstraint(
            model_name='alertdelivery',
            constraint=models.UniqueConstraint(condition=models.Q(('digest_on__isnull', False)), fields=('subscriber', 'digest_on'), name='alertdelivery_once_per_digest'),
        ),
        migrations.AddConstraint(
            model_name='alertdelivery',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('digest_on__isnull', True), ('event_id__isnull', False)), models.Q(('digest_on__isnull', False), ('event_id__isnull', True)), _connector='OR'), name='alertdelivery_event_or_digest'),
        ),
        migrations.RunPython(grant_editors, revoke_editors),
    ]
