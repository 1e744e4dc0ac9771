"""The moderation log becomes part of the one audit log: every ModerationAction is copied to
an AuditEntry with the verb its app now registers."""

from django.db import migrations

VERBS = {
    "publish_promise": "promises.publish_promise",
    "return_promise": "promises.return_promise",
    "publish_report": "blog.publish_report",
    "return_report": "promises.return_report",
    "resolve_dispute": "promises.resolve_dispute",
    "verify_organisation": "organisations.verify",
    "unverify_organisation": "organisations.unverify",
    "resolve_abuse": "moderation.resolve_abuse",
    "dismiss_abuse": "moderation.dismiss_abuse",
    "publish_post": "blog.publish_post",
    "unpublish_post": "blog.unpublish_post",
}


def forwards(apps, schema_editor):
    ModerationAction = apps.get_model("moderation", "ModerationAction")
    AuditEntry = apps.get_model("audit", "AuditEntry")
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor_id=action.moderator_id,
            verb=VERBS.get(action.action, action.action),
            content_type_id=action.content_type_id,
            object_id=action.object_id,
            target_label=action.target_label,
            comment=action.comment,
            at=action.at,
        )
        for action in ModerationAction.objects.order_by("at", "pk").iterator()
    )


def backwards(apps, schema_editor):
    ModerationAction = apps.get_model("moderation", "ModerationAction")
    AuditEntry = apps.get_model("audit", "AuditEntry")
    actions = {verb: action for action, verb in VERBS.items()}
    ModerationAction.objects.bulk_create(
        ModerationAction(
            moderator_id=entry.actor_id,
            action=actions[entry.verb],
            content_type_id=entry.content_type_id,
            object_id=entry.object_id,
            target_label=entry.target_label,
            comment=entry.comment,
            at=entry.at,
        )
        for entry in AuditEntry.objects.filter(verb__in=actions).iterator()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("audit", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
