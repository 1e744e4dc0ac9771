"""The proposal services: who may propose, edit, submit, delete, publish, return and withdraw a
measure, what each records and whom it tells; every refusal leaves the measure as it was."""

import pytest
from django.core.exceptions import PermissionDenied

from handschlag.audit.models import AuditEntry
from handschlag.core.errors import DomainError
from handschlag.core.models import StateChange
from handschlag.measures import services
from handschlag.measures.models import Measure
from handschlag.notifications.models import Notification
from tests import factories as base

from .factories import texts

pytestmark = pytest.mark.django_db


def fields(**changes):
    values = {
        "title": {"de": "Interkulturelle Woche", "en": "Intercultural week"},
        "summary": texts("Eine Woche voller Begegnungen"),
        "goal": texts("Begegnung"),
        "steps": [texts("Planen"), texts("Einladen"), texts("Feiern")],
        "duration": texts("eine Woche"),
        "format": "encounter",
        "topics": ["cohesion"],
        "target_groups": ["public"],
        "effort": "medium",
    }
    values.update(changes)
    return values


def state_of(measure):
    return Measure.objects.values_list("state", "moderation_comment").get(pk=measure.pk)


def verbs():
    return list(AuditEntry.objects.order_by("pk").values_list("verb", flat=True))


# --- proposing ---------------------------------------------------------------------------


def test_an_organisation_admin_proposes_a_draft_with_a_german_slug(cast):
    measure = services.propose_measure(by=cast.proposer, organisation=cast.initiative, **fields())
    assert measure.state == Measure.State.DRAFT
    assert measure.slug == "interkulturelle-woche"
    assert measure.organisation == cast.initiative and measure.created_by == cast.proposer
    assert "intercultural week" in measure.search_text  # every language is searchable
    assert verbs() == [services.PROPOSED]


def test_a_taken_or_reserved_slug_gets_a_number():
    assert services.unique_slug("Vorschlagen") == "vorschlagen-2"


def test_the_second_measure_with_the_same_title_gets_its_own_slug(cast):
    first = services.propose_measure(by=cast.proposer, organisation=cast.initiative, **fields())
    second = services.propose_measure(by=cast.proposer, organisation=cast.initiative, **fields())
    assert (first.slug, second.slug) == ("interkulturelle-woche", "interkulturelle-woche-2")


@pytest.mark.parametrize("who", ["colleague", "member", "stranger", "other_admin"])
def test_only_admins_of_the_organisation_propose_for_it(cast, who):
    with pytest.raises(PermissionDenied):
        services.propose_measure(by=getattr(cast, who), organisation=cast.initiative, **fields())
    assert not Measure.objects.filter(slug__startswith="interkulturelle").exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"title": {"en": "Only English"}},
        {"steps": []},
        {"steps": [{"de": ""}]},
        {"topics": []},
        {"topics": ["astrology"]},
        {"target_groups": []},
        {"format": "party"},
        {"effort": "huge"},
    ],
    ids=[
        "no-german",
        "no-steps",
        "empty-step",
        "no-topic",
        "bad-topic",
        "no-group",
        "format",
        "effort",
    ],
)
def test_an_invalid_proposal_is_refused_with_a_message(cast, changes):
    with pytest.raises(DomainError) as refused:
        services.propose_measure(
            by=cast.proposer, organisation=cast.initiative, **fields(**changes)
        )
    assert refused.value.message
    assert not Measure.objects.filter(slug__startswith="interkulturelle").exists()


# --- editing and submitting ------------------------------------------------------------------


def test_proposers_edit_their_draft_and_the_search_text_follows(cast):
    services.update_measure(
        measure=cast.draft, by=cast.proposer, title={"de": "Nähcafé", "en": "Sewing café"}
    )
    cast.draft.refresh_from_db()
    assert cast.draft.title == {"de": "Nähcafé", "en": "Sewing café"}
    assert "sewing café" in cast.draft.search_text
    assert verbs() == [services.CHANGED]


@pytest.mark.parametrize("target", ["submitted", "proposed", "withdrawn"])
def test_proposers_cannot_edit_once_it_left_the_draft(cast, target):
    measure = getattr(cast, target)
    before = Measure.objects.values().get(pk=measure.pk)
    with pytest.raises(PermissionDenied):
        services.update_measure(measure=measure, by=cast.proposer, title=texts("Neu"))
    assert Measure.objects.values().get(pk=measure.pk) == before


@pytest.mark.parametrize("who", ["colleague", "member", "stranger", "other_admin", "town_admin"])
def test_nobody_else_edits_a_draft(cast, who):
    with pytest.raises(PermissionDenied):
        services.update_measure(measure=cast.draft, by=getattr(cast, who), title=texts("Neu"))
    cast.draft.refresh_from_db()
    assert cast.draft.title != texts("Neu")


def test_moderators_edit_published_measures(cast):
    services.update_measure(measure=cast.published, by=cast.moderator, effort="high")
    cast.published.refresh_from_db()
    assert cast.published.effort == "high"


def test_submitting_moves_the_draft_to_moderation_and_records_it(cast):
    services.submit_measure(measure=cast.draft, by=cast.proposer)
    assert state_of(cast.draft)[0] == Measure.State.SUBMITTED
    change = StateChange.objects.get(object_id=cast.draft.pk, to_state="submitted")
    assert change.by == cast.proposer and change.from_state == "draft"
    assert cast.draft in services.Measure.objects.filter(state="submitted")


@pytest.mark.parametrize("who", ["colleague", "stranger", "moderator", "other_admin"])
def test_only_the_proposers_submit(cast, who):
    with pytest.raises(PermissionDenied):
        services.submit_measure(measure=cast.draft, by=getattr(cast, who))
    assert state_of(cast.draft)[0] == Measure.State.DRAFT


def test_a_submitted_measure_is_not_submitted_twice(cast):
    with pytest.raises(PermissionDenied):
        services.submit_measure(measure=cast.submitted, by=cast.proposer)
    assert StateChange.objects.count() == 0


def test_deleting_a_draft_takes_it_away(cast):
    services.delete_draft(measure=cast.draft, by=cast.proposer)
    assert not Measure.objects.filter(pk=cast.draft.pk).exists()
    assert verbs() == [services.DELETED]


def test_a_submitted_proposal_cannot_be_deleted(cast):
    with pytest.raises(PermissionDenied):
        services.delete_draft(measure=cast.submitted, by=cast.proposer)
    assert Measure.objects.filter(pk=cast.submitted.pk).exists()


# --- moderation --------------------------------------------------------------------------


def test_publishing_puts_it_in_the_library_and_tells_the_organisation_admins(cast):
    second_admin = base.MembershipFactory(organisation=cast.initiative, role="admin").user
    services.publish_measure(measure=cast.submitted, by=cast.moderator, comment="Danke!")
    cast.submitted.refresh_from_db()
    assert cast.submitted.state == Measure.State.PUBLISHED
    assert cast.submitted.published_at is not None
    assert cast.submitted in Measure.objects.published()
    told = Notification.objects.filter(kind="measures.proposal_published")
    assert set(told.values_list("recipient", flat=True)) == {cast.proposer.pk, second_admin.pk}
    assert told.first().url == cast.submitted.get_absolute_url()
    entry = AuditEntry.objects.get(verb=services.PUBLISHED)
    assert entry.actor == cast.moderator and entry.comment == "Danke!"


def test_returning_gives_the_draft_back_with_the_comment(cast):
    services.return_measure(
        measure=cast.submitted, by=cast.moderator, comment="Bitte Schritte konkreter."
    )
    assert state_of(cast.submitted) == ("draft", "Bitte Schritte konkreter.")
    notification = Notification.objects.get(kind="measures.proposal_returned")
    assert notification.recipient == cast.proposer
    assert notification.params["comment"] == "Bitte Schritte konkreter."
    # the proposers may edit it again
    services.update_measure(measure=cast.submitted, by=cast.proposer, effort="high")


def test_returning_needs_a_reason(cast):
    with pytest.raises(DomainError):
        services.return_measure(measure=cast.submitted, by=cast.moderator, comment="  ")
    assert state_of(cast.submitted)[0] == Measure.State.SUBMITTED
    assert not Notification.objects.exists()


@pytest.mark.parametrize("who", ["proposer", "town_admin", "stranger"])
def test_only_moderators_decide(cast, who):
    person = getattr(cast, who)
    for decide in (services.publish_measure, services.return_measure):
        with pytest.raises(PermissionDenied):
            decide(measure=cast.submitted, by=person, comment="x")
    with pytest.raises(PermissionDenied):
        services.withdraw_measure(measure=cast.published, by=person, comment="x")
    assert state_of(cast.submitted)[0] == Measure.State.SUBMITTED
    assert state_of(cast.published)[0] == Measure.State.PUBLISHED


def test_a_draft_cannot_be_published_before_it_is_submitted(cast):
    with pytest.raises(DomainError):
        services.publish_measure(measure=cast.draft, by=cast.moderator)
    assert state_of(cast.draft)[0] == Measure.State.DRAFT


def test_withdrawing_takes_it_out_of_the_library_and_publishing_brings_it_back(cast):
    services.withdraw_measure(measure=cast.proposed, by=cast.moderator, comment="Veraltet.")
    assert cast.proposed not in Measure.objects.published()
    assert Notification.objects.filter(kind="measures.measure_withdrawn").count() == 1
    services.publish_measure(measure=cast.proposed, by=cast.moderator)
    assert state_of(cast.proposed)[0] == Measure.State.PUBLISHED


def test_an_editorial_measure_has_nobody_to_notify(cast):
    services.withdraw_measure(measure=cast.published, by=cast.moderator, comment="Doppelt.")
    assert state_of(cast.published)[0] == Measure.State.WITHDRAWN
    assert not Notification.objects.exists()
