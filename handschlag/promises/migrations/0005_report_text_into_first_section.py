"""Reports written before they had sections: their one text becomes the first section
("Was ist passiert?"), so it is shown once, under a heading, and can be edited there."""

from django.db import migrations


def forwards(apps, schema_editor):
    Redemption = apps.get_model("promises", "Redemption")
    rows = Redemption.objects.exclude(report_text="").filter(report_happened="")
    for redemption in rows.iterator():
        redemption.report_happened = redemption.report_text
        redemption.report_text = ""
        redemption.save(update_fields=["report_happened", "report_text"])


def backwards(apps, schema_editor):
    Redemption = apps.get_model("promises", "Redemption")
    rows = Redemption.objects.exclude(report_happened="").filter(report_text="")
    for redemption in rows.iterator():
        redemption.report_text = redemption.report_happened
        redemption.report_happened = ""
        redemption.save(update_fields=["report_happened", "report_text"])


class Migration(migrations.Migration):
    dependencies = [("promises", "0004_report_sections")]
    operations = [migrations.RunPython(forwards, backwards)]
