"""The cast of assessment tests: a town's open round (with two respondent groups), the town's
municipality organisation (admin and a plain member), a colleague and an invited partner with
delegated areas, another town's admin, a moderator and a stranger. Each role of the access
matrix is one attribute of `world`."""

from types import SimpleNamespace

import pytest

from handschlag.assessment.models import ActionPlan, Delegation, RespondentGroup
from tests import factories as base

from . import factories


@pytest.fixture
def world(db):
    assessment = factories.AssessmentFactory()
    organisation = assessment.organisation
    administration = factories.GroupFactory(
        assessment=assessment, kind=RespondentGroup.Kind.ADMINISTRATION, name="Verwaltung"
    )
    civil_society = factories.GroupFactory(
        assessment=assessment, kind=RespondentGroup.Kind.CIVIL_SOCIETY, name="Zivilgesellschaft"
    )
    first_area, second_area = assessment.framework.areas.order_by("position")

    def member(role):
        return base.MembershipFactory(organisation=organisation, role=role).user

    admin = member("admin")
    colleague = member("member")
    plain_member = member("member")
    partner = base.UserFactory()
    for user, group, area in (
        (colleague, administration, first_area),
        (partner, civil_society, second_area),
    ):
        # the partner came by an email invitation, the colleague is a member
        email = user.email if user is partner else ""
        delegation = Delegation.objects.create(
            assessment=assessment, group=group, user=user, email=email, created_by=admin
        )
        delegation.areas.add(area)
    other_assessment = factories.AssessmentFactory()
    other_admin = base.MembershipFactory(
        organisation=other_assessment.organisation, role="admin"
    ).user
    plan = ActionPlan.objects.create(
        municipality=assessment.municipality, organisation=organisation, title="Handlungsplan"
    )
    return SimpleNamespace(
        assessment=assessment,
        organisation=organisation,
        municipality=assessment.municipality,
        framework=assessment.framework,
        administration=administration,
        civil_society=civil_society,
        first_area=first_area,
        second_area=second_area,
        admin=admin,
        colleague=colleague,
        member=plain_member,
        partner=partner,
        other_assessment=other_assessment,
        other_admin=other_admin,
        moderator=base.ModeratorFactory(),
        stranger=base.UserFactory(),
        plan=plan,
    )
