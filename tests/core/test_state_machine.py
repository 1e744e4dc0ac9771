import pytest

from handschlag.core.errors import DomainError
from handschlag.core.models import StateChange
from handschlag.promises.models import Promise
from tests.factories import PromiseFactory, UserFactory


@pytest.mark.django_db
def test_an_allowed_transition_is_saved_and_recorded():
    promise = PromiseFactory(state=Promise.State.DRAFT)
    actor = UserFactory()
    promise.move_to(Promise.State.PENDING, by=actor, comment="bitte prüfen")
    promise.refresh_from_db()
    change = promise.state_changes.get()
    assert promise.state == Promise.State.PENDING
    assert (change.from_state, change.to_state, change.by, change.comment) == (
        "draft",
        "pending",
        actor,
        "bitte prüfen",
    )


@pytest.mark.django_db
def test_a_forbidden_transition_is_refused_and_not_recorded():
    promise = PromiseFactory(state=Promise.State.WITHDRAWN)
    with pytest.raises(DomainError) as error:
        promise.move_to(Promise.State.PUBLISHED, by=None)
    promise.refresh_from_db()
    assert promise.state == Promise.State.WITHDRAWN
    assert error.value.code == "wrong_state"
    assert "zurückgezogen" in error.value.message
    assert not StateChange.objects.exists()
