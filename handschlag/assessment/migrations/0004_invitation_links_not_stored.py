# Invitation notifications used to keep the link with its raw token in `url`; the link is now
# built from a nonce when the mail goes out (invitation_links.py). The stored links go: their
# mails are out, and accepting compares the token's hash, which the delegation keeps.

from django.db import migrations


def forget_stored_links(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    Notification.objects.filter(kind="assessment.invited").exclude(url="").update(url="")


class Migration(migrations.Migration):

    dependencies = [
        ("assessment", "0003_assessment_summary"),
        ("notifications", "0003_namespaced_kinds"),
    ]

    operations = [migrations.RunPython(forget_stored_links, migrations.RunPython.noop)]
