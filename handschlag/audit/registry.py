"""Audit verbs: each app registers the actions it records, with a label for people."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise as LazyText

from handschlag.core.registry import Registry


@dataclass(frozen=True)
class AuditVerb:
    """One kind of recorded action, e.g. "organisations.remove_member".

    `moderation` marks the decisions of platform moderators: they make up the moderation log.
    """

    key: str
    label: str | LazyText
    moderation: bool = False


audit_verbs: Registry[AuditVerb] = Registry("audit verbs")


def verb_label(key: str) -> str:
    verb = audit_verbs.get(key)
    return str(verb.label) if verb else key


def moderation_verbs() -> list[AuditVerb]:
    return [verb for verb in audit_verbs if verb.moderation]
