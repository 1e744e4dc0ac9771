"""The unit gets its singular ("1 Platz" beside "3 Plätze"); existing needs get it from the
known pairs of handschlag.core.units (a known singular typed as the plural gets its plural;
an unknown unit keeps its one form for both)."""

from django.db import migrations, models

from handschlag.core.units import stored_pair


def fill_singular(apps, schema_editor):
    Model = apps.get_model("needs", "Need")
    for row in Model.objects.exclude(unit="").only("pk", "unit", "unit_singular").iterator():
        singular, plural = stored_pair(row.unit_singular, row.unit)
        if (singular, plural) != (row.unit_singular, row.unit):
            Model.objects.filter(pk=row.pk).update(unit_singular=singular, unit=plural)


class Migration(migrations.Migration):
    dependencies = [
        ("needs", "0001_needs_and_proposals"),
    ]

    operations = [
        migrations.AddField(
            model_name="need",
            name="unit_singular",
            field=models.CharField(
                blank=True,
                help_text="z. B. Laptop, Platz, Stunde",
                max_length=40,
                verbose_name="Einheit (Einzahl)",
            ),
        ),
        migrations.AlterField(
            model_name="need",
            name="unit",
            field=models.CharField(
                blank=True,
                help_text="z. B. Laptops, Plätze, Stunden",
                max_length=40,
                verbose_name="Einheit (Mehrzahl)",
            ),
        ),
        migrations.RunPython(fill_singular, migrations.RunPython.noop),
    ]
