"""Report posts published before reports had sections: their text becomes the first section,
and a teaser that only repeated the text's beginning is dropped (it was shown twice)."""

from django.db import migrations


def forwards(apps, schema_editor):
    Post = apps.get_model("blog", "Post")
    for post in Post.objects.filter(kind="report").iterator():
        if post.sections:
            continue
        post.sections = [{"key": "happened", "text": post.body}]
        if post.body.startswith(post.teaser.rstrip("…").rstrip()):
            post.teaser = ""
        post.save(update_fields=["sections", "teaser"])


class Migration(migrations.Migration):
    dependencies = [("blog", "0003_post_sections")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
