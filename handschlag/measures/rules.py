"""Object permissions of the measures library (django-rules). Permissions: "measures.<action>".

Everyone reads published measures. Moderators curate the library (edit, publish, withdraw).
An organisation's admins propose a measure of their own (it stays a draft they can edit until
they submit it; moderation publishes it). Admins of a verified municipality organisation adopt
a measure into their town's action plan ("Nachmachen"); its members report how it went.
A report's author changes it while they are still a member of its organisation; moderators
publish reports or return them.
"""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import PermissionDenied

from handschlag.accounts.rules import is_active_user, is_moderator
from handschlag.organisations.rules import (
    is_municipality_admin,
    is_municipality_member,
    is_org_admin,
)

from .models import Measure, Report


@rules.predicate
def is_published(user: Any, measure: Any) -> bool:
    return isinstance(measure, Measure) and measure.state == Measure.State.PUBLISHED


@rules.predicate
def is_proposer(user: Any, measure: Any) -> bool:
    """An admin of the organisation that proposed the measure."""
    return isinstance(measure, Measure) and bool(is_org_admin(user, measure.organisation))


@rules.predicate
def is_draft(user: Any, measure: Any) -> bool:
    return isinstance(measure, Measure) and measure.state == Measure.State.DRAFT


@rules.predicate
def is_report_author(user: Any, report: Any) -> bool:
    """Whoever wrote the report, while still a member of its (verified) organisation."""
    return (
        isinstance(report, Report)
        and is_active_user(user)
        and report.created_by_id == user.pk
        and bool(is_municipality_member(user, report.organisation))
    )


rules.add_perm("measures.view", is_published | is_moderator | is_proposer)
rules.add_perm("measures.propose", is_active_user & is_org_admin)
rules.add_perm("measures.edit", is_moderator | (is_proposer & is_draft))
rules.add_perm("measures.publish", is_moderator)
rules.add_perm("measures.adopt", is_municipality_admin)
rules.add_perm("measures.report", is_municipality_member)
# A proposal's own steps: its organisation's admins submit the draft or delete it.
rules.add_perm("measures.submit", is_proposer & is_draft)
rules.add_perm("measures.delete", is_proposer & is_draft)
rules.add_perm("measures.edit_report", is_report_author)
# Moderation publishes or returns a town's report, and takes it off a measure's page.
rules.add_perm("measures.review_report", is_moderator)
rules.add_perm("measures.remove_report", is_moderator)


def require_perm(name: str, user: Any, obj: Any) -> None:
    """For the services: PermissionDenied unless `user` has `name` on `obj`."""
    if not user.has_perm(name, obj):
        raise PermissionDenied
