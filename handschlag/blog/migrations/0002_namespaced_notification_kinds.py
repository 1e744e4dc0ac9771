"""The report-published notification is the blog's kind "blog.report_published" now."""

from django.db import migrations


def rename(apps, old, new):
    for model in ("Notification", "EmailOptOut"):
        apps.get_model("notifications", model).objects.filter(kind=old).update(kind=new)


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0001_initial"),
        ("notifications", "0002_notification_email_notification_language_and_more"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, _: rename(apps, "report_published", "blog.report_published"),
            lambda apps, _: rename(apps, "blog.report_published", "report_published"),
        )
    ]
