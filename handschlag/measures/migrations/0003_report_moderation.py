# Town reports of measures go through moderation: the ones written before were public at once,
# so they start published; new ones wait for review.

from django.db import migrations, models


def publish_existing(apps, schema_editor):
    apps.get_model("measures", "Report").objects.update(state="published")


class Migration(migrations.Migration):

    dependencies = [
        ('measures', '0002_moderation_comment'),
    ]

    operations = [
        migrations.AddField(
            model_name='report',
            name='moderation_comment',
            field=models.TextField(blank=True, verbose_name='Kommentar der Moderation'),
        ),
        migrations.AddField(
            model_name='report',
            name='state',
            field=models.CharField(choices=[('pending', 'wartet auf Prüfung'), ('published', 'veröffentlicht'), ('returned', 'zurückgegeben')], default='pending', max_length=12, verbose_name='Zustand'),
        ),
        migrations.RunPython(publish_existing, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='report',
            index=models.Index(fields=['state', 'updated_at'], name='measures_re_state_eb0b81_idx'),
        ),
    ]
