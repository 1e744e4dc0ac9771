"""The answering pages of the HTML check: the rounds page (a town's admin, a partner, someone
without a town), starting a round (and the refusal while one runs), a round's overview for
the coordinator, a colleague and a partner, open and closed; adding a group, handing areas
over, taking them back; a section to answer (with errors, read-only for a member and after
closing); closing, reopening, sharing; the invitation link in each state; the organisation's
page with its rounds; the town's population (asked at the start of a round, its own page).

Each page's URL builds its scene in the demo world (the Potsdam integration office's round,
undone after the page like every write of the check) and remembers its people for the page's
user."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from handschlag.assessment import answering, answering_delegations
from handschlag.assessment.models import Assessment, Delegation, Question, RespondentGroup
from handschlag.places.models import Municipality
from tests import factories as base
from tests.assessment.factories import small_framework

from .page import Page, anonymous, in_english, person
from .world import PageWorld

_scene: dict[str, Any] = {}


def who(key: str) -> Any:
    return lambda world: _scene[key]


def _build(world: PageWorld, *, closed: bool = False) -> Assessment:
    """Potsdam's round: Verwaltung and Migrantenorganisationen; the first area handed to a
    colleague, the second to a partner who accepted; an invitation still open; some answers
    with evidence."""
    organisation = world.organisation("stadt_potsdam")
    admin = world.person("municipality")
    Assessment.objects.filter(municipality=organisation.municipality, state="open").update(
        state="closed"
    )
    if not answering.newest_frameworks():
        small_framework()
    assessment = answering.start_assessment(
        organisation=organisation, by=admin, title="Standortbestimmung 2026"
    )
    migrants = answering.add_group(
        assessment=assessment,
        by=admin,
        name="Migrantenorganisationen",
        kind=RespondentGroup.Kind.MIGRANT_ORGANISATIONS,
    )
    administration = assessment.groups.get(kind=RespondentGroup.Kind.ADMINISTRATION)
    areas = list(assessment.framework.areas.order_by("position", "pk"))
    colleague = base.MembershipFactory(
        organisation=organisation, user__first_name="Jonas", user__last_name="Berger"
    ).user
    answering_delegations.delegate_to_colleague(
        assessment=assessment, by=admin, group=administration, areas=areas[:1], user=colleague
    )
    _, token = answering_delegations.invite_partner(
        assessment=assessment, by=admin, group=migrants, areas=areas[1:2],
        email="verein@example.org", language="de",
    )  # fmt: skip
    partner = base.UserFactory(first_name="Leyla", last_name="Aydın")
    answering_delegations.accept_invitation(token=token, by=partner)
    _, open_token = answering_delegations.invite_partner(
        assessment=assessment, by=admin, group=migrants, areas=areas[:1],
        email="beirat@example.org", language="de",
    )  # fmt: skip
    for question in Question.objects.filter(indicator__area=areas[0]).order_by("pk")[:3]:
        option = question.options.order_by("position").last()
        answering.save_answer(
            assessment=assessment, group=administration, question=question, by=colleague,
            given=answering.AnswerInput(
                option_id=option.pk if option else None,
                number=3 if question.kind == Question.Kind.NUMBER else None,
                note="Ratsbeschluss vom 12. März 2025", link="https://example.org/beschluss",
                evidence=ContentFile(b"%PDF-1.4 Beschluss", name="abc/beschluss.pdf"),
            ),
        )  # fmt: skip
    if closed:
        Assessment.objects.filter(pk=assessment.pk).update(state="closed", closed_at=timezone.now())
        assessment.refresh_from_db()
    _scene.update(
        assessment=assessment, admin=admin, colleague=colleague, partner=partner,
        member=base.MembershipFactory(organisation=organisation).user,
        administration=administration, migrants=migrants, areas=areas, open_token=open_token,
        organisation=organisation,
    )  # fmt: skip
    return assessment


def _round(name: str = "assessment:detail", *, closed: bool = False) -> Any:
    return lambda world: reverse(name, args=[_build(world, closed=closed).pk])


def _section(group: str, area: int = 0, *, closed: bool = False) -> Any:
    def build(world: PageWorld) -> str:
        assessment = _build(world, closed=closed)
        return reverse(
            "assessment:answer",
            args=[assessment.pk, _scene[group].pk, _scene["areas"][area].pk],
        )

    return build


def _section_errors(world: PageWorld) -> dict[str, Any]:
    numbers = Question.objects.filter(
        indicator__area=_scene["areas"][0], kind=Question.Kind.NUMBER
    ).first()
    first = Question.objects.filter(indicator__area=_scene["areas"][0]).order_by("pk").first()
    target = numbers or first
    return {f"q{target.pk}-value": "viele", f"q{target.pk}-link": "kein Link"}


def _revoke(world: PageWorld) -> str:
    assessment = _build(world)
    delegation = Delegation.objects.get(assessment=assessment, user=_scene["colleague"])
    return reverse("assessment:revoke", args=[assessment.pk, delegation.pk])


def _index(world: PageWorld) -> str:
    _build(world)
    return reverse("assessment:index")


def _start(*, running: bool, population_unknown: bool = False) -> Any:
    def build(world: PageWorld) -> str:
        _build(world, closed=not running)
        town = _scene["organisation"].municipality
        if population_unknown:  # as the boundary file brings a town: the page asks for it
            Municipality.objects.filter(pk=town.pk).update(population=0)
        return reverse("assessment:start", args=[_scene["organisation"].slug])

    return build


def _population(world: PageWorld) -> str:
    _build(world)
    return reverse("assessment:population", args=[_scene["organisation"].municipality.slug])


def _invitation(state: str = "") -> Any:
    def build(world: PageWorld) -> str:
        _build(world)
        token = _scene["open_token"]
        if state == "revoked":
            delegation = answering_delegations.find_invitation(token)
            answering_delegations.revoke_delegation(delegation=delegation, by=_scene["admin"])
        if state == "unknown":
            token = "unbekannt"
        return reverse("assessment:invitation", args=[token])

    return build


def _organisation(world: PageWorld) -> str:
    _build(world)
    return _scene["organisation"].get_absolute_url()


def _stranger(world: PageWorld) -> Any:
    return base.UserFactory(first_name="Mira")


def _long_title(world: PageWorld) -> dict[str, Any]:
    return {"title": "x" * 200}


ANSWERING_PAGES = [
    Page("assessment_index", who("admin"), _index),
    Page("assessment_index_partner", who("partner"), _index),
    Page("assessment_index_empty", person("volunteer"), _index),
    Page("assessment_start", who("admin"), _start(running=False)),
    Page("assessment_start_errors", who("admin"), _start(running=False), data=_long_title),
    Page("assessment_start_running", who("admin"), _start(running=True)),
    Page("assessment_start_population", who("admin"),
         _start(running=False, population_unknown=True)),
    Page("assessment_population", who("admin"), _population),
    Page("assessment_population_errors", who("admin"), _population,
         data=lambda w: {"einwohner-population": "0", "einwohner-as_of": ""}),
    Page("assessment_detail", who("admin"), _round()),
    Page("assessment_detail_colleague", who("colleague"), _round()),
    Page("assessment_detail_partner", who("partner"), _round()),
    Page("assessment_detail_closed", who("admin"), _round(closed=True)),
    Page("assessment_group", who("admin"), _round("assessment:add_group")),
    Page("assessment_group_errors", who("admin"), _round("assessment:add_group"),
         data=lambda w: {"name": "", "kind": ""}),
    Page("assessment_delegate", who("admin"), _round("assessment:delegate")),
    Page("assessment_delegate_errors", who("admin"), _round("assessment:delegate"),
         data=lambda w: {"sent": ""}),
    Page("assessment_revoke", who("admin"), _revoke),
    Page("assessment_section", who("colleague"), _section("administration")),
    Page("assessment_section_errors", who("colleague"), _section("administration"),
         data=_section_errors),
    Page("assessment_section_member", who("member"), _section("administration")),
    Page("assessment_section_partner", who("partner"), _section("migrants", 1)),
    Page("assessment_section_closed", who("colleague"), _section("administration", closed=True)),
    Page("assessment_close", who("admin"), _round("assessment:close")),
    Page("assessment_reopen", who("admin"), _round("assessment:reopen", closed=True)),
    Page("assessment_share", who("admin"), _round("assessment:share")),
    Page("assessment_invitation", anonymous, _invitation()),
    Page("assessment_invitation_logged_in", _stranger, _invitation()),
    Page("assessment_invitation_unknown", anonymous, _invitation("unknown"), status=404),
    Page("assessment_invitation_revoked", anonymous, _invitation("revoked"), status=410),
    Page("assessment_organisation", who("admin"), _organisation),
]  # fmt: skip
ANSWERING_PAGES += in_english(
    ANSWERING_PAGES, "assessment_detail", "assessment_section", "assessment_invitation"
)
