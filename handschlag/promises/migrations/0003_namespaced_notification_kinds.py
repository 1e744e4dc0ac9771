"""The promises' notification kinds are registered as "promises.<kind>" now."""

from django.db import migrations

KINDS = (
    "new_application", "application_accepted", "application_declined", "report_submitted",
    "fulfilment_confirmed", "fulfilment_disputed", "promise_published",
    "returned_by_moderation", "expiring_soon", "promise_expired",
)  # fmt: skip


def rename(apps, mapping):
    for model in ("Notification", "EmailOptOut"):
        rows = apps.get_model("notifications", model).objects
        for old, new in mapping.items():
            rows.filter(kind=old).update(kind=new)


def forwards(apps, schema_editor):
    rename(apps, {kind: f"promises.{kind}" for kind in KINDS})


def backwards(apps, schema_editor):
    rename(apps, {f"promises.{kind}": kind for kind in KINDS})


class Migration(migrations.Migration):
    dependencies = [
        ("promises", "0002_list_order_index"),
        ("notifications", "0002_notification_email_notification_language_and_more"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
