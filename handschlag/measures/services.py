"""Writes on measures: an organisation proposes one (draft → submitted), moderation publishes
it or returns it with a comment, and takes published measures out of the library.

Reports and materials have their own modules (reports.py, materials.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.blog.slugs import german_slugify
from handschlag.core.errors import DomainError
from handschlag.core.localized import validate_localized, validate_localized_optional
from handschlag.notifications.recipients import admins_of
from handschlag.notifications.registry import NotificationKind
from handschlag.notifications.services import notify

from . import messages
from .materials import delete_files
from .models import Effort, Format, Measure, TargetGroup, Topic
from .rules import require_perm

if TYPE_CHECKING:
    from handschlag.accounts.models import User
    from handschlag.organisations.models import Organisation

# Fields a proposer may set; state, slug, organisation and dates belong to the services.
EDITABLE_FIELDS = (
    "title", "summary", "goal", "steps", "duration", "format", "topics", "target_groups", "effort",
)  # fmt: skip
MAX_STEPS = 20
# Paths of the library that a slug must not take (urls.py).
RESERVED_SLUGS = frozenset({"vorschlagen", "meine-vorschlaege"})

# Audit verbs (registered in kernel.py).
PROPOSED = "measures.propose"
CHANGED = "measures.change"
SUBMITTED = "measures.submit"
DELETED = "measures.delete_draft"
PUBLISHED = "measures.publish"
RETURNED = "measures.return"
WITHDRAWN = "measures.withdraw"


def _invalid(error: ValidationError) -> DomainError:
    return DomainError(" ".join(str(m) for m in error.messages))


def _check_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields as stored; DomainError with a readable message for anything invalid."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown measure fields: {sorted(unknown)}")
    try:
        for name in ("title", "summary", "goal"):
            if name in fields:
                validate_localized(fields[name])
        if "duration" in fields:
            validate_localized_optional(fields["duration"])
        for step in fields.get("steps", []):
            validate_localized(step)
    except ValidationError as error:
        raise _invalid(error) from None
    if "steps" in fields and not 1 <= len(fields["steps"]) <= MAX_STEPS:
        raise DomainError(
            _("Eine Maßnahme hat 1 bis %(max)d Schritte.") % {"max": MAX_STEPS}, code="steps"
        )
    for name, choices, message in (
        ("topics", Topic, _("Bitte wählen Sie mindestens ein Handlungsfeld.")),
        ("target_groups", TargetGroup, _("Bitte wählen Sie mindestens eine Zielgruppe.")),
    ):
        if name in fields:
            values = list(dict.fromkeys(fields[name] or []))
            if not values or not set(values) <= set(choices.values):
                raise DomainError(message, code=name)
            fields[name] = values
    if "format" in fields and fields["format"] not in Format.values:
        raise DomainError(_("Bitte wählen Sie ein Format."), code="format")
    if "effort" in fields and fields["effort"] not in Effort.values:
        raise DomainError(_("Bitte schätzen Sie den Aufwand."), code="effort")
    return fields


def unique_slug(title: str) -> str:
    """A free slug for a German title ("Interkulturelle Öffnung" → "interkulturelle-oeffnung",
    then "…-2", "…-3" when taken)."""
    base = german_slugify(title)[:100].strip("-") or "massnahme"
    slug, number = base, 1
    while slug in RESERVED_SLUGS or Measure.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _lock(measure: Measure) -> None:
    """Reload `measure.state` under the measure's row lock."""
    measure.state = (
        Measure.objects.select_for_update().values_list("state", flat=True).get(pk=measure.pk)
    )


def _notify_proposers(measure: Measure, kind: NotificationKind, **params: str) -> None:
    if measure.organisation_id is None:  # an editorial measure has nobody to tell
        return
    notify(
        to=admins_of(measure.organisation),  # type: ignore[arg-type]
        kind=kind.key,
        params={"title": measure.title.get("de", ""), **params},
        url=measure.get_absolute_url(),
    )


@transaction.atomic
def propose_measure(*, by: User, organisation: Organisation, **fields: Any) -> Measure:
    """An organisation's admin writes a measure of their own: it starts as a draft that only
    the organisation's admins (and moderators) see."""
    require_perm("measures.propose", by, organisation)
    missing = set(EDITABLE_FIELDS) - set(fields) - {"duration"}
    if missing:
        raise TypeError(f"missing measure fields: {sorted(missing)}")
    fields = _check_fields(fields)
    measure = Measure.objects.create(
        slug=unique_slug(fields["title"]["de"]),
        state=Measure.State.DRAFT,
        organisation=organisation,
        created_by=by,
        **fields,
    )
    record(actor=by, verb=PROPOSED, target=measure, organisation=organisation.pk)
    return measure


@transaction.atomic
def update_measure(*, measure: Measure, by: User, **fields: Any) -> Measure:
    """Change a measure's texts and classification: the proposers while it is a draft,
    moderators always (they curate the library)."""
    require_perm("measures.edit", by, measure)
    _lock(measure)
    require_perm("measures.edit", by, measure)  # the state may have moved meanwhile
    fields = _check_fields(fields)
    for name, value in fields.items():
        setattr(measure, name, value)
    measure.save(update_fields=[*fields, "updated_at"])
    record(actor=by, verb=CHANGED, target=measure, fields=sorted(fields))
    return measure


@transaction.atomic
def submit_measure(*, measure: Measure, by: User) -> Measure:
    """The proposers hand their draft to moderation; they can no longer change it meanwhile."""
    require_perm("measures.submit", by, measure)
    _lock(measure)
    measure.require_state(Measure.State.DRAFT)
    measure.move_to(Measure.State.SUBMITTED, by=by)
    record(actor=by, verb=SUBMITTED, target=measure)
    return measure


@transaction.atomic
def delete_draft(*, measure: Measure, by: User) -> None:
    """The proposers throw a draft away, with its materials."""
    require_perm("measures.delete", by, measure)
    _lock(measure)
    measure.require_state(Measure.State.DRAFT)
    files = [material.file.name for material in measure.materials.all()]
    record(actor=by, verb=DELETED, target=measure, title=measure.title.get("de", ""))
    measure.delete()
    transaction.on_commit(lambda: delete_files(files))


@transaction.atomic
def publish_measure(*, measure: Measure, by: User, comment: str = "") -> Measure:
    """Moderation puts a submitted proposal (or a withdrawn measure) into the library."""
    require_perm("measures.publish", by, measure)
    _lock(measure)
    measure.require_state(Measure.State.SUBMITTED, Measure.State.WITHDRAWN)
    measure.published_at = measure.published_at or timezone.now()
    measure.moderation_comment = comment
    measure.move_to(
        Measure.State.PUBLISHED,
        by=by,
        comment=comment,
        save_fields=["published_at", "moderation_comment"],
    )
    record(actor=by, verb=PUBLISHED, target=measure, comment=comment)
    _notify_proposers(measure, messages.PROPOSAL_PUBLISHED)
    return measure


@transaction.atomic
def return_measure(*, measure: Measure, by: User, comment: str) -> Measure:
    """Moderation gives a submitted proposal back to its proposers as a draft, saying what
    should change."""
    require_perm("measures.publish", by, measure)
    if not comment.strip():
        raise DomainError(_("Bitte begründen Sie die Rückgabe."))
    _lock(measure)
    measure.require_state(Measure.State.SUBMITTED)
    measure.moderation_comment = comment
    measure.move_to(Measure.State.DRAFT, by=by, comment=comment, save_fields=["moderation_comment"])
    record(actor=by, verb=RETURNED, target=measure, comment=comment)
    _notify_proposers(measure, messages.PROPOSAL_RETURNED, comment=comment)
    return measure


@transaction.atomic
def withdraw_measure(*, measure: Measure, by: User, comment: str) -> Measure:
    """Moderation takes a published measure out of the library (its page, adoptions and
    reports stay for moderators and proposers; the public no longer sees it)."""
    require_perm("measures.publish", by, measure)
    if not comment.strip():
        raise DomainError(_("Bitte begründen Sie, warum die Maßnahme herausgenommen wird."))
    _lock(measure)
    measure.require_state(Measure.State.PUBLISHED)
    measure.moderation_comment = comment
    measure.move_to(
        Measure.State.WITHDRAWN, by=by, comment=comment, save_fields=["moderation_comment"]
    )
    record(actor=by, verb=WITHDRAWN, target=measure, comment=comment)
    _notify_proposers(measure, messages.MEASURE_WITHDRAWN, comment=comment)
    return measure
