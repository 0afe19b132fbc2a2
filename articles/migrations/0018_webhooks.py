"""Webhook endpoints and their deliveries, and who may manage them: editors only (they hold
the secrets that sign what the site sends)."""

import articles.models.webhooks
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

GRANTS = {
    "webhookendpoint": ("add", "change", "delete", "view"),
    "webhookdelivery": ("view",),
}


def grant_webhook_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    codenames = [f"{action}_{model}" for model, actions in GRANTS.items() for action in actions]
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
    )


def withdraw_webhook_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="articles", content_type__model__in=list(GRANTS)
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0017_events'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.CreateModel(
            name='WebhookEndpoint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('url', models.CharField(help_text="The receiver's https:// address, on a public host. Redirects are not followed.", max_length=2000, verbose_name='address')),
                ('description', models.CharField(blank=True, help_text='Who runs the receiver and what it does.', max_length=200)),
                ('events', models.JSONField(default=articles.models.webhooks.all_kinds, help_text='The events this receiver is sent, one message each.')),
                ('secret', models.CharField(default=articles.models.webhooks.new_secret, editable=False, help_text='Signs every message; the receiver verifies it with this secret.', max_length=100)),
                ('active', models.BooleanField(default=True, help_text='Untick to stop sending; what happens meanwhile is not sent.')),
                ('failure_count', models.PositiveIntegerField(default=0, editable=False, verbose_name='deliveries given up in a row')),
                ('disabled_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('disabled_reason', models.CharField(blank=True, editable=False, max_length=300)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('created_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'webhook endpoint',
                'ordering': ['id'],
            },
        ),
        migrations.CreateModel(
            name='WebhookDelivery',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('attempts', models.PositiveIntegerField(default=0)),
                ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('last_status_code', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('last_error', models.CharField(blank=True, max_length=300)),
                ('response_excerpt', models.TextField(blank=True)),
                ('delivered_at', models.DateTimeField(blank=True, null=True)),
                ('given_up_at', models.DateTimeField(blank=True, null=True)),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='webhook_deliveries', to='articles.event')),
                ('endpoint', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='articles.webhookendpoint')),
            ],
            options={
                'verbose_name': 'webhook delivery',
                'verbose_name_plural': 'webhook deliveries',
                'ordering': ['-id'],
            },
        ),
        migrations.AddConstraint(
            model_name='webhookendpoint',
            constraint=models.CheckConstraint(condition=models.Q(('disabled_at', None), ('active', False), _connector='OR'), name='webhookendpoint_disabled_is_inactive'),
        ),
        migrations.AddIndex(
            model_name='webhookdelivery',
            index=models.Index(condition=models.Q(('delivered_at', None), ('given_up_at', None)), fields=['endpoint', 'id'], name='webhookdelivery_pending_idx'),
        ),
        migrations.AddConstraint(
            model_name='webhookdelivery',
            constraint=models.UniqueConstraint(fields=('endpoint', 'event'), name='webhookdelivery_once_per_endpoint'),
        ),
        migrations.RunPython(grant_webhook_permissions, withdraw_webhook_permissions),
    ]
