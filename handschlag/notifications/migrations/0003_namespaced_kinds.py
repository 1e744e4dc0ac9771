"""Kinds are keys of the registry now, namespaced by the app that registers them. The one
kind the kernel kept for organisations' finished sentences becomes "organisations.message";
feature apps rename their own kinds in their migrations."""

from django.db import migrations

RENAMED = {"organisation": "organisations.message"}


def rename(apps, mapping):
    for model in ("Notification", "EmailOptOut"):
        rows = apps.get_model("notifications", model).objects
        for old, new in mapping.items():
            rows.filter(kind=old).update(kind=new)


def forwards(apps, schema_editor):
    rename(apps, RENAMED)


def backwards(apps, schema_editor):
    rename(apps, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_notification_email_notification_language_and_more")]

    operations = [migrations.RunPython(forwards, backwards)]
