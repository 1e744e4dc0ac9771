"""The answering services, transition by transition: starting a round, respondent groups,
answers (every kind, "not applicable", evidence), closing, reopening, sharing — and each
refusal, which changes nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from handschlag.assessment import answering
from handschlag.assessment.answering import AnswerInput
from handschlag.assessment.models import Answer, Assessment, RespondentGroup
from handschlag.audit.models import AuditEntry
from handschlag.core.errors import DomainError
from handschlag.core.models import StateChange
from handschlag.notifications.models import Notification
from tests import factories as base

from . import factories
from .answering_helpers import question, snapshot, stored_scores  # noqa: F401

pytestmark = pytest.mark.django_db
Closed = Assessment.State.CLOSED


def close_directly(assessment: Assessment) -> None:
    Assessment.objects.filter(pk=assessment.pk).update(state=Closed, closed_at=timezone.now())
    assessment.refresh_from_db()


def save(world, user, key, group=None, **given):
    return answering.save_answer(
        assessment=world.assessment,
        group=group or world.administration,
        question=question(world.framework, key),
        by=user,
        given=AnswerInput(**given),
    )


# --- starting ---------------------------------------------------------------------------


def test_an_admin_starts_a_round_on_the_newest_published_framework(world):
    close_directly(world.assessment)
    older = factories.FrameworkFactory(key="wk", version=1)
    newest = factories.FrameworkFactory(key="wk", version=2)
    factories.FrameworkFactory(key="wk", version=3, published=False)
    Assessment.objects.filter(framework=world.framework).update(framework=older)
    world.framework.delete()

    started = answering.start_assessment(organisation=world.organisation, by=world.admin)

    assert started.framework == newest
    assert started.state == Assessment.State.OPEN
    assert started.title == f"Standortbestimmung {timezone.localdate().year}"
    assert started.municipality == world.municipality
    assert started.started_by == world.admin
    assert list(started.groups.values_list("name", "kind")) == [
        ("Verwaltung", RespondentGroup.Kind.ADMINISTRATION)
    ]
    assert AuditEntry.objects.filter(verb=answering.STARTED, object_id=started.pk).exists()


def test_the_title_given_is_kept(world):
    close_directly(world.assessment)
    started = answering.start_assessment(
        organisation=world.organisation, by=world.admin, title="  Check 2027  "
    )
    assert started.title == "Check 2027"


def test_a_second_open_round_of_the_same_town_is_refused(world):
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        answering.start_assessment(organisation=world.organisation, by=world.admin)
    assert refused.value.code == "open_round"
    assert world.assessment.title in refused.value.message
    assert snapshot() == before


def test_a_second_municipality_organisation_of_the_town_cannot_start_a_parallel_round(world):
    second = base.OrganisationFactory(
        kind="municipality", is_verified=True, municipality=world.municipality
    )
    base.MembershipFactory(organisation=second, user=world.other_admin, role="admin")
    with pytest.raises(DomainError):
        answering.start_assessment(organisation=second, by=world.other_admin)


@pytest.mark.parametrize("who", ["colleague", "member", "partner", "other_admin", "moderator"])
def test_only_the_admin_of_the_verified_municipality_organisation_starts(world, who):
    close_directly(world.assessment)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        answering.start_assessment(organisation=world.organisation, by=getattr(world, who))
    assert snapshot() == before


def test_an_unverified_municipality_organisation_cannot_start(world):
    close_directly(world.assessment)
    world.organisation.is_verified = False
    world.organisation.save()
    with pytest.raises(PermissionDenied):
        answering.start_assessment(organisation=world.organisation, by=world.admin)


def test_an_organisation_without_town_is_told_to_set_it_first(world):
    close_directly(world.assessment)
    world.organisation.municipality = None
    world.organisation.save()
    with pytest.raises(DomainError) as refused:
        answering.start_assessment(organisation=world.organisation, by=world.admin)
    assert refused.value.code == "no_municipality"


def test_without_a_published_framework_nothing_starts(world):
    close_directly(world.assessment)
    from handschlag.assessment.models import Framework

    Framework.objects.update(published=False)
    with pytest.raises(DomainError) as refused:
        answering.start_assessment(organisation=world.organisation, by=world.admin)
    assert refused.value.code == "no_framework"


# --- groups -------------------------------------------------------------------------------


def test_the_coordinator_adds_a_group(world):
    group = answering.add_group(
        assessment=world.assessment,
        by=world.admin,
        name=" Migrantenorganisationen ",
        kind=RespondentGroup.Kind.MIGRANT_ORGANISATIONS,
    )
    assert group.name == "Migrantenorganisationen"
    assert group.assessment == world.assessment
    assert AuditEntry.objects.filter(verb=answering.GROUP_ADDED).exists()


def test_a_group_name_is_used_once_per_round(world):
    before = snapshot()
    with pytest.raises(DomainError):
        answering.add_group(
            assessment=world.assessment, by=world.admin, name="verwaltung", kind="other"
        )
    assert snapshot() == before


@pytest.mark.parametrize("who", ["colleague", "member", "partner", "other_admin", "moderator"])
def test_only_the_coordinator_adds_groups(world, who):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        answering.add_group(
            assessment=world.assessment, by=getattr(world, who), name="Beirat", kind="other"
        )
    assert snapshot() == before


def test_a_closed_round_gets_no_new_group(world):
    close_directly(world.assessment)
    with pytest.raises(DomainError):
        answering.add_group(assessment=world.assessment, by=world.admin, name="B", kind="other")


# --- answers ------------------------------------------------------------------------------


def test_a_colleague_answers_their_area_and_amends_it(world):
    q1 = question(world.framework, "q1")
    yes, partly = q1.options.get(key="yes"), q1.options.get(key="partly")
    answer = save(world, world.colleague, "q1", option_id=yes.pk, note="Beschluss 2024")
    assert (answer.option, answer.answered_by, answer.note) == (
        yes,
        world.colleague,
        "Beschluss 2024",
    )

    amended = save(world, world.colleague, "q1", option_id=partly.pk)
    assert amended.pk == answer.pk
    assert Answer.objects.get(pk=answer.pk).option == partly
    assert Answer.objects.get(pk=answer.pk).note == ""


def test_each_kind_takes_its_value(world):
    number = save(world, world.admin, "q3", number=Decimal("2"))
    text = save(world, world.admin, "q6", group=world.civil_society, text="Ein Fest im Mai")
    assert number.number == Decimal("2") and number.option is None
    assert text.text == "Ein Fest im Mai"


def test_not_applicable_clears_the_value_where_it_is_allowed(world):
    q4 = question(world.framework, "q4")
    save(world, world.colleague, "q4", option_id=q4.options.first().pk)
    answer = save(world, world.colleague, "q4", not_applicable=True)
    assert answer.not_applicable and answer.option is None


@pytest.mark.parametrize(
    "key, given",
    [
        ("q1", {"not_applicable": True}),  # q1 applies to every town
        ("q1", {"number": Decimal("3")}),
        ("q3", {"text": "viele"}),
    ],
)
def test_a_value_that_does_not_fit_the_question_is_refused(world, key, given):
    before = snapshot()
    with pytest.raises(DomainError):
        save(world, world.colleague, key, **given)
    assert snapshot() == before


def test_an_option_of_another_question_is_refused(world):
    other = question(world.framework, "q4").options.first()
    with pytest.raises(DomainError):
        save(world, world.colleague, "q1", option_id=other.pk)
    assert not Answer.objects.exists()


def test_nothing_given_for_an_unanswered_question_stores_nothing(world):
    assert save(world, world.colleague, "q1") is None
    assert not Answer.objects.exists()


@pytest.mark.parametrize(
    "who, key, group",
    [
        ("colleague", "q5", "administration"),  # an area not handed to them
        ("colleague", "q1", "civil_society"),  # their area, but for another group
        ("partner", "q1", "civil_society"),
        ("member", "q1", "administration"),
        ("other_admin", "q1", "administration"),
        ("moderator", "q1", "administration"),
    ],
)
def test_others_may_not_answer(world, who, key, group):
    q = question(world.framework, key)
    option = q.options.first()
    before = snapshot()
    with pytest.raises(PermissionDenied):
        save(world, getattr(world, who), key, group=getattr(world, group), option_id=option.pk)
    assert snapshot() == before


def test_a_group_of_another_round_is_refused(world):
    foreign = world.other_assessment.groups.create(name="X", kind="other")
    with pytest.raises(PermissionDenied):
        save(
            world,
            world.admin,
            "q1",
            group=foreign,
            option_id=question(world.framework, "q1").options.first().pk,
        )
    assert not Answer.objects.exists()


def test_answers_of_a_closed_round_cannot_change(world):
    q1 = question(world.framework, "q1")
    save(world, world.colleague, "q1", option_id=q1.options.get(key="no").pk)
    close_directly(world.assessment)
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        save(world, world.admin, "q1", option_id=q1.options.get(key="yes").pk)
    assert refused.value.code == "closed"
    assert snapshot() == before


def test_a_new_file_replaces_the_old_one_which_is_deleted(
    world, django_capture_on_commit_callbacks
):
    first = ContentFile(b"%PDF-1.4 eins", name="abc/beschluss.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        answer = save(world, world.colleague, "q1", evidence=first)
    old_path = answer.evidence.name
    assert old_path.startswith(f"assessment/{world.assessment.pk}/abc/beschluss")
    assert default_storage.exists(old_path)

    second = ContentFile(b"%PDF-1.4 zwei", name="def/konzept.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        answer = save(world, world.colleague, "q1", evidence=second)
    assert not default_storage.exists(old_path)
    assert default_storage.open(answer.evidence.name).read() == b"%PDF-1.4 zwei"

    second_path = answer.evidence.name
    with django_capture_on_commit_callbacks(execute=True):
        answer = save(world, world.colleague, "q1", remove_evidence=True)
    assert not answer.evidence
    assert not default_storage.exists(second_path)


# --- closing, reopening, sharing -----------------------------------------------------------


def test_closing_stores_the_scores_records_and_tells_the_delegates(
    world,
    stored_scores,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    closed = answering.close_assessment(assessment=world.assessment, by=world.admin)

    world.assessment.refresh_from_db()
    assert world.assessment.state == Closed and world.assessment.closed_at is not None
    assert stored_scores.calls == [world.assessment.pk]
    assert closed.pk == world.assessment.pk
    change = StateChange.objects.get(object_id=world.assessment.pk, to_state=Closed)
    assert (change.from_state, change.by) == ("open", world.admin)
    assert AuditEntry.objects.filter(verb=answering.CLOSED, object_id=world.assessment.pk).exists()
    told = set(
        Notification.objects.filter(kind="assessment.closed").values_list("recipient", flat=True)
    )
    assert told == {world.colleague.pk, world.partner.pk}


def test_a_failure_while_storing_the_scores_leaves_the_round_open(world, monkeypatch):
    def broken(assessment):
        raise RuntimeError("kaputt")

    monkeypatch.setattr(answering.scores, "store_scores", broken)
    with pytest.raises(RuntimeError):
        answering.close_assessment(assessment=world.assessment, by=world.admin)
    world.assessment.refresh_from_db()
    assert world.assessment.is_open and world.assessment.closed_at is None
    assert not StateChange.objects.filter(object_id=world.assessment.pk).exists()


def test_a_closed_round_is_not_closed_twice(world, stored_scores):  # noqa: F811
    answering.close_assessment(assessment=world.assessment, by=world.admin)
    with pytest.raises(DomainError):
        answering.close_assessment(assessment=world.assessment, by=world.admin)
    assert stored_scores.calls == [world.assessment.pk]


@pytest.mark.parametrize("who", ["colleague", "member", "partner", "other_admin", "moderator"])
def test_only_the_coordinator_closes(world, who, stored_scores):  # noqa: F811
    before = snapshot()
    with pytest.raises(PermissionDenied):
        answering.close_assessment(assessment=world.assessment, by=getattr(world, who))
    assert snapshot() == before and stored_scores.calls == []


def test_reopening_lets_answers_change_again(world, stored_scores):  # noqa: F811
    answering.close_assessment(assessment=world.assessment, by=world.admin)
    answering.reopen_assessment(assessment=world.assessment, by=world.admin)
    world.assessment.refresh_from_db()
    assert world.assessment.is_open and world.assessment.closed_at is None
    assert StateChange.objects.filter(object_id=world.assessment.pk, to_state="open").exists()
    assert AuditEntry.objects.filter(verb=answering.REOPENED).exists()
    assert Notification.objects.filter(kind="assessment.reopened").count() == 2
    q1 = question(world.framework, "q1")
    assert save(world, world.colleague, "q1", option_id=q1.options.first().pk)


def test_reopening_is_refused_while_the_town_has_another_open_round(world, stored_scores):  # noqa: F811
    answering.close_assessment(assessment=world.assessment, by=world.admin)
    newer = answering.start_assessment(organisation=world.organisation, by=world.admin)
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        answering.reopen_assessment(assessment=world.assessment, by=world.admin)
    assert newer.title in refused.value.message
    assert snapshot() == before


def test_an_open_round_cannot_be_reopened(world):
    with pytest.raises(DomainError):
        answering.reopen_assessment(assessment=world.assessment, by=world.admin)


@pytest.mark.parametrize("who", ["colleague", "member", "partner", "other_admin", "moderator"])
def test_only_the_coordinator_reopens(world, who):
    close_directly(world.assessment)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        answering.reopen_assessment(assessment=world.assessment, by=getattr(world, who))
    assert snapshot() == before


def test_sharing_and_taking_back(world):
    answering.set_shared(assessment=world.assessment, by=world.admin, shared=True)
    assert Assessment.objects.get(pk=world.assessment.pk).shared
    answering.set_shared(assessment=world.assessment, by=world.admin, shared=True)  # no-op
    answering.set_shared(assessment=world.assessment, by=world.admin, shared=False)
    assert not Assessment.objects.get(pk=world.assessment.pk).shared
    verbs = list(AuditEntry.objects.order_by("pk").values_list("verb", flat=True))
    assert verbs == [answering.SHARED, answering.UNSHARED]


@pytest.mark.parametrize("who", ["colleague", "member", "partner", "other_admin", "moderator"])
def test_only_the_coordinator_shares(world, who):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        answering.set_shared(assessment=world.assessment, by=getattr(world, who), shared=True)
    assert snapshot() == before


def test_the_default_title_names_the_year():
    assert answering.default_title(datetime.date(2027, 3, 1)) == "Standortbestimmung 2027"
