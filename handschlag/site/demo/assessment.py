"""Self-assessments in the demo world: Sonneberg's two rounds a year apart (showing progress)
with its action plan in progress, one closed round of Potsdam, Stralsund's round under way,
and ten Thuringian towns of Sonneberg's size class with a closed round each, so that the peer
comparison has enough towns to show. Answers follow a level per area and round with some
noise (fixed seeds: the same world every time). Idempotent: nothing is added once Sonneberg's
first round exists."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.text import slugify

from handschlag.accounts.models import User
from handschlag.assessment import scores
from handschlag.assessment.models import (
    ActionPlan,
    Answer,
    Assessment,
    Delegation,
    Framework,
    Milestone,
    PlanItem,
    Question,
    RespondentGroup,
)
from handschlag.core.models import StateChange
from handschlag.measures.models import Adoption, Measure
from handschlag.organisations import contacts
from handschlag.organisations.models import Membership, Organisation
from handschlag.places.importer import MunicipalityRow, upsert_municipalities
from handschlag.places.models import Municipality

from . import data

# key, email, first name, last name
PEOPLE = [
    ("officer", "integration@demo.handschlag.example", "Katrin", "Vogel"),
    ("colleague", "kollegin@demo.handschlag.example", "Deniz", "Aydın"),
    ("stralsund", "stralsund@demo.handschlag.example", "Jonas", "Petersen"),
]

# Thuringian towns of 20,000 to 100,000 people (like Sonneberg): ags, name, population, lat, lon
PEERS = [
    ("16054000", "Suhl", 36_400, 50.6116, 10.68818),
    ("16070029", "Ilmenau", 38_600, 50.68816, 10.8998),
    ("16073077", "Saalfeld/Saale", 28_300, 50.64532, 11.35387),
    ("16070004", "Arnstadt", 27_700, 50.8243, 10.93912),
    ("16067029", "Gotha", 45_700, 50.94057, 10.7046),
    ("16062041", "Nordhausen", 41_900, 51.50896, 10.81015),
    ("16073076", "Rudolstadt", 25_100, 50.71424, 11.30653),
    ("16066042", "Meiningen", 24_900, 50.57361, 10.38781),
    ("16064046", "Mühlhausen/Thüringen", 36_100, 51.22607, 10.46352),
    ("16077001", "Altenburg", 31_500, 50.97768, 12.43757),
]
SHARING_PEERS = {"Gotha", "Ilmenau", "Nordhausen"}

# area key -> level 0..1 in Sonneberg's first and second round
SONNEBERG_LEVELS = {
    "management": (0.35, 0.6),
    "opening": (0.25, 0.45),
    "access": (0.5, 0.6),
    "work": (0.55, 0.6),
    "engagement": (0.7, 0.75),
    "cohesion": (0.6, 0.7),
    "communication": (0.3, 0.55),
}
FREE_TEXT = {
    "de": "Wir arbeiten eng mit dem Willkommensverein und dem Jobcenter zusammen; es fehlt "
    "an festen Stellen für die Koordination."
}

# (measure slug, state, progress, due in days from today, milestones (title, done?))
PLAN = [
    ("runder-tisch-integration", PlanItem.State.DONE, 100, -120,
     [("Einladungsliste abgestimmt", True), ("Erste Sitzung", True)]),
    ("integrationskonzept-beteiligungsorientiert", PlanItem.State.IN_PROGRESS, 60, 150,
     [("Auftakt mit dem Stadtrat", True), ("Werkstätten in drei Stadtteilen", True),
      ("Entwurf in den Ausschuss", False)]),
    ("fortbildungsreihe-interkulturelle-oeffnung", PlanItem.State.IN_PROGRESS, 30, 90,
     [("Bedarf in den Ämtern erfragt", True), ("Erstes Modul", False)]),
    ("willkommenswegweiser", PlanItem.State.PLANNED, 0, -10, []),  # overdue
    ("zukunftswerkstatt-zusammenleben", PlanItem.State.PLANNED, 0, 240, []),
]  # fmt: skip


def load_assessments(
    people: dict[str, User],
    organisations: dict[str, Organisation],
    towns: dict[str, Municipality],
    framework: Framework,
) -> int:
    """Create the demo's assessments unless they exist; returns how many were created."""
    cast = _people()
    sonneberg = towns["sonneberg"]
    if Assessment.objects.filter(municipality=sonneberg).exists():
        return 0
    town_hall = _town_hall(
        "Stadt Sonneberg – Integrationsbüro", sonneberg, cast["officer"], [cast["colleague"]]
    )
    contacts.show_as_contact(
        organisation=town_hall, by=cast["officer"], function="Integrationsbeauftragte",
        email="integration@sonneberg.demo.handschlag.example",
    )  # fmt: skip
    contacts.show_as_contact(
        organisation=organisations["stadt_potsdam"], by=people["municipality"],
        function="Leitung des Integrationsbüros",
    )  # fmt: skip
    today = timezone.localdate()
    before = {key: levels[0] for key, levels in SONNEBERG_LEVELS.items()}
    now = {key: levels[1] for key, levels in SONNEBERG_LEVELS.items()}
    first = _round(
        town_hall, framework, "Standortbestimmung 2025", cast["officer"],
        closed=today - datetime.timedelta(days=372), levels=before,
        partner=people["initiative"], seed=1, shared=True,
    )  # fmt: skip
    _round(
        town_hall, framework, "Standortbestimmung 2026", cast["officer"],
        closed=today - datetime.timedelta(days=7), levels=now,
        partner=people["initiative"], seed=2, shared=True, colleague=cast["colleague"],
    )  # fmt: skip
    _plan(town_hall, first, cast, today)
    potsdam = organisations["stadt_potsdam"]
    _round(
        potsdam, framework, "Standortbestimmung Potsdam 2026", people["municipality"],
        closed=today - datetime.timedelta(days=150), levels=dict.fromkeys(SONNEBERG_LEVELS, 0.65),
        seed=3,
    )  # fmt: skip
    stralsund_hall = _town_hall(
        "Hansestadt Stralsund – Integration", towns["stralsund"], cast["stralsund"], []
    )
    _round(
        stralsund_hall, framework, "Standortbestimmung Stralsund 2026", cast["stralsund"],
        closed=None, levels=dict.fromkeys(SONNEBERG_LEVELS, 0.5), seed=4, answered_share=0.55,
    )  # fmt: skip
    return 4 + _peers(framework, today)


def _people() -> dict[str, User]:
    cast = {}
    for key, email, first, last in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email, data.DEMO_PASSWORD, first_name=first, last_name=last
            )
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        cast[key] = user
    return cast


def _town_hall(
    name: str, town: Municipality, admin: User | None, members: list[User]
) -> Organisation:
    organisation, _new = Organisation.objects.get_or_create(
        slug=slugify(name),
        defaults={
            "name": name, "kind": Organisation.Kind.MUNICIPALITY, "municipality": town,
            "is_verified": True, "verified_at": timezone.now(),
            "description": f"Die Integrationsarbeit der Verwaltung in {town.name}.",
        },
    )  # fmt: skip
    if admin is not None:
        Membership.objects.get_or_create(
            organisation=organisation, user=admin, defaults={"role": Membership.Role.ADMIN}
        )
    for member in members:
        Membership.objects.get_or_create(organisation=organisation, user=member)
    return organisation


def _round(
    organisation: Organisation,
    framework: Framework,
    title: str,
    by: User | None,
    *,
    closed: datetime.date | None,
    levels: dict[str, float],
    seed: int,
    partner: User | None = None,
    colleague: User | None = None,
    shared: bool = False,
    answered_share: float = 1.0,
) -> Assessment:
    """One round: the administration answers everything (or `answered_share` of it); with a
    partner, civil society answers the same questions a little more critically."""
    rng = random.Random(seed)
    town = organisation.municipality
    assert town is not None  # a municipality organisation always has its town
    assessment = Assessment.objects.create(
        municipality=town, organisation=organisation, framework=framework,
        title=title, started_by=by, shared=shared,
    )  # fmt: skip
    administration = RespondentGroup.objects.create(
        assessment=assessment, kind=RespondentGroup.Kind.ADMINISTRATION, name="Verwaltung"
    )
    questions = list(
        Question.objects.filter(indicator__area__framework=framework)
        .select_related("indicator__area")
        .prefetch_related("options")
    )
    answers = _answers(assessment, administration, questions, levels, rng, by, answered_share)
    if partner is not None:
        civil = RespondentGroup.objects.create(
            assessment=assessment, kind=RespondentGroup.Kind.CIVIL_SOCIETY,
            name="Zivilgesellschaft",
        )  # fmt: skip
        critical = {key: max(0.0, level - 0.15) for key, level in levels.items()}
        answers += _answers(assessment, civil, questions, critical, rng, partner, 1.0)
        delegation = Delegation.objects.create(
            assessment=assessment, group=civil, user=partner, created_by=by,
            accepted_at=timezone.now(),
        )  # fmt: skip
        delegation.areas.set(framework.areas.all())
    if colleague is not None:
        delegation = Delegation.objects.create(
            assessment=assessment, group=administration, user=colleague, created_by=by,
            accepted_at=timezone.now(),
        )  # fmt: skip
        delegation.areas.set(framework.areas.filter(key__in=["work", "access"]))
    Answer.objects.bulk_create(answers)
    if closed is not None:
        assessment.move_to(Assessment.State.CLOSED, by=by)
        closed_at = timezone.make_aware(datetime.datetime.combine(closed, datetime.time(15)))
        Assessment.objects.filter(pk=assessment.pk).update(
            closed_at=closed_at, created_at=closed_at - datetime.timedelta(days=40)
        )
        StateChange.objects.filter(
            object_id=assessment.pk, to_state=Assessment.State.CLOSED
        ).update(at=closed_at)
        assessment.refresh_from_db()
        scores.store_scores(assessment)
    return assessment


def _answers(
    assessment: Assessment,
    group: RespondentGroup,
    questions: list[Question],
    levels: dict[str, float],
    rng: random.Random,
    by: User | None,
    answered_share: float,
) -> list[Answer]:
    answers = []
    for question in questions:
        if rng.random() > answered_share:
            continue
        level = min(1.0, max(0.0, levels[question.indicator.area.key] + rng.uniform(-0.2, 0.2)))
        answer = Answer(assessment=assessment, group=group, question=question, answered_by=by)
        if question.kind == Question.Kind.TEXT:
            if rng.random() < 0.5:
                continue
            answer.text = FREE_TEXT["de"]
        elif question.kind == Question.Kind.NUMBER:
            bands = question.number_bands or [[0, 0]]
            reached = [start for start, points in bands if points <= level * 100] or [bands[0][0]]
            answer.number = Decimal(max(reached))
        elif question.allows_not_applicable and rng.random() < 0.3:
            answer.not_applicable = True
        else:
            options = list(question.options.all())
            answer.option = min(options, key=lambda option: abs(option.points - level * 100))
        if rng.random() < 0.2:
            answer.note = "Siehe Beschluss des Stadtrats und Jahresbericht des Integrationsbüros."
        answers.append(answer)
    return answers


def _plan(
    town_hall: Organisation, source: Assessment, cast: dict[str, User], today: datetime.date
) -> None:
    plan = ActionPlan.objects.create(
        municipality=source.municipality, organisation=town_hall,
        title="Handlungsplan Integration Sonneberg 2026–2027",
    )  # fmt: skip
    areas = {area.key: area for area in source.framework.areas.all()}
    owners = [cast["officer"], cast["colleague"]]
    for index, (slug, state, progress, due_in, milestones) in enumerate(PLAN):
        measure = Measure.objects.filter(slug=slug).first()
        if measure is None:
            continue
        area = areas.get((measure.topics or [""])[0])
        item = PlanItem.objects.create(
            plan=plan, title=str(measure), description=measure.summary.get("de", ""),
            measure=measure, area=area, assessment=source, owner=owners[index % 2],
            partners="Willkommen in Sonneberg e. V.", state=state, progress=progress,
            due_date=today + datetime.timedelta(days=due_in),
        )  # fmt: skip
        for position, (title, done) in enumerate(milestones):
            Milestone.objects.create(
                item=item, title=title,
                due_date=today + datetime.timedelta(days=due_in - 60 + 20 * position),
                done_on=today - datetime.timedelta(days=30 - position) if done else None,
            )  # fmt: skip
        completed = today - datetime.timedelta(days=90) if state == PlanItem.State.DONE else None
        Adoption.objects.get_or_create(
            measure=measure, municipality=town_hall.municipality,
            defaults={"organisation": town_hall, "completed_at": completed},
        )  # fmt: skip
    free = PlanItem.objects.create(
        plan=plan, title="Dolmetschpool für Elterngespräche an Schulen aufbauen",
        owner=cast["colleague"], area=areas.get("access"), state=PlanItem.State.IN_PROGRESS,
        progress=40, due_date=today + datetime.timedelta(days=60),
        partners="Staatliches Schulamt Südthüringen",
    )  # fmt: skip
    Milestone.objects.create(item=free, title="Zehn Sprachmittelnde gewonnen", done_on=today)


def _peers(framework: Framework, today: datetime.date) -> int:
    """Ten towns of Sonneberg's size class in Thuringia with a closed round each; three of
    them share their results, all adopted a measure or two."""
    upsert_municipalities([MunicipalityRow(*row) for row in PEERS])
    towns = Municipality.objects.in_bulk([row[0] for row in PEERS], field_name="ags")
    measures = list(Measure.objects.filter(state=Measure.State.PUBLISHED).order_by("slug"))
    rng = random.Random(11)
    for index, (ags, name, *_rest) in enumerate(PEERS):
        town = towns[ags]
        town_hall = _town_hall(f"Stadt {name}", town, None, [])
        level = 0.35 + 0.05 * index
        _round(
            town_hall, framework, f"Standortbestimmung {name} 2026", None,
            closed=today - datetime.timedelta(days=30 + 20 * index),
            levels={key: min(1.0, level + rng.uniform(-0.15, 0.15)) for key in SONNEBERG_LEVELS},
            seed=100 + index, shared=name in SHARING_PEERS,
        )  # fmt: skip
        for measure in rng.sample(measures, k=min(2, len(measures))):
            Adoption.objects.get_or_create(
                measure=measure, municipality=town, defaults={"organisation": town_hall}
            )
    return len(PEERS)
