# Full-text search over promises (see handschlag/promises/search.py).

import django.contrib.postgres.search
from django.db import migrations, models

FTS_TABLE = "promises_promise_fts"


def create_index(apps, schema_editor):
    """PostgreSQL: a GIN index on the tsvector; SQLite: the FTS5 table. Then fill both."""
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX promise_search_gin ON promises_promise USING gin (search_vector)"
        )
    elif connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(search_text)"
        )
    _fill(apps, connection)


def _fill(apps, connection):
    from handschlag.promises.search import document

    Promise = apps.get_model("promises", "Promise")
    promises = list(Promise.objects.select_related("municipality", "organisation", "owner"))
    for promise in promises:
        promiser = ""
        if promise.organisation_id:
            promiser = promise.organisation.name
        elif promise.owner.first_name:
            initial = f" {promise.owner.last_name[0]}." if promise.owner.last_name else ""
            promiser = f"{promise.owner.first_name}{initial}"
        place = promise.municipality.name if promise.municipality_id else ""
        promise.search_text = document(
            promise.title, promise.description, promise.condition, place, promiser
        )
    Promise.objects.bulk_update(promises, ["search_text"], batch_size=500)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        Promise.objects.update(search_vector=SearchVector("search_text", config="german"))
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, search_text) VALUES (?, ?)",
                [(p.pk, p.search_text) for p in promises],
            )


def drop_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS promise_search_gin")
    elif connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0001_initial"),
        ("organisations", "0001_initial"),
        ("promises", "0005_report_text_into_first_section"),
    ]

    operations = [
        migrations.AddField(
            model_name="promise",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="promise",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_index, drop_index),
    ]
