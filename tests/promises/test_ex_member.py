"""Issue #7 F1: a member removed from an organisation keeps no power over its promises.

Over HTTP, as it happened: an admin removes a member who owns one of the organisation's
published promises with an application waiting; afterwards that person can neither see the
application nor decide on it, withdraw or edit the promise, and nothing changes in the database.
"""

import pytest
from django.urls import reverse

from handschlag.notifications.models import Notification
from handschlag.organisations.models import Membership
from handschlag.promises import messages
from handschlag.promises.models import Promise, Redemption
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

REFUSED = (403, 404)


@pytest.fixture
def world():
    organisation = factories.OrganisationFactory()
    admin = factories.MembershipFactory(organisation=organisation, role=Membership.Role.ADMIN).user
    membership = factories.MembershipFactory(organisation=organisation)
    owner = membership.user
    promise = factories.PromiseFactory(owner=owner, organisation=organisation, capacity=3)
    redemption = factories.RedemptionFactory(promise=promise)
    draft = factories.PromiseFactory(
        owner=owner, organisation=organisation, state=Promise.State.DRAFT, published_at=None
    )
    return {
        "organisation": organisation,
        "admin": admin,
        "membership": membership,
        "owner": owner,
        "promise": promise,
        "redemption": redemption,
        "draft": draft,
    }


def remove(world):
    organisation, membership = world["organisation"], world["membership"]
    url = reverse("organisations:member_remove", args=[organisation.slug, membership.pk])
    response = client_for(world["admin"]).post(url)
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_before_removal_the_owner_acts_for_the_organisation(world):
    """The baseline: the same requests as below are allowed while the owner is a member."""
    client = client_for(world["owner"])
    redemption, promise = world["redemption"], world["promise"]
    page = client.get(redemption.get_absolute_url())
    assert page.status_code == 200
    assert reverse("promises:accept", args=[redemption.pk]) in page.content.decode()
    assert client.get(reverse("promises:edit", args=[world["draft"].pk])).status_code == 200
    assert promise in [p for p in client.get(reverse("promises:mine")).context["promises"]]


def test_a_removed_member_loses_every_power_over_the_promise(world):
    remove(world)
    client = client_for(world["owner"])
    promise, redemption, draft = world["promise"], world["redemption"], world["draft"]
    remaining = (promise.remaining_capacity, promise.remaining_quantity)

    assert client.get(redemption.get_absolute_url()).status_code in REFUSED
    for name, data in [
        ("accept", {}),
        ("decline", {"decline-reason": "Passt nicht."}),
        ("confirm", {}),
        ("dispute", {"dispute-reason": "x"}),
    ]:
        response = client.post(reverse(f"promises:{name}", args=[redemption.pk]), data)
        assert response.status_code in REFUSED, name
    withdraw = client.post(reverse("promises:withdraw", args=[promise.pk]))
    assert withdraw.status_code in REFUSED
    edit_url = reverse("promises:edit", args=[promise.pk])
    assert client.get(edit_url).status_code in REFUSED
    assert client.post(edit_url, {"action": "draft", "title": "Gekapert"}).status_code in REFUSED
    # the draft they wrote for the organisation is no longer theirs either
    draft_edit = reverse("promises:edit", args=[draft.pk])
    assert client.get(draft_edit).status_code in REFUSED
    assert client.post(draft_edit, {"action": "draft", "title": "Gekapert"}).status_code in REFUSED
    submit = client.post(reverse("promises:submit", args=[draft.pk]))
    assert submit.status_code in REFUSED

    redemption.refresh_from_db()
    promise.refresh_from_db()
    draft.refresh_from_db()
    assert redemption.state == Redemption.State.APPLIED and redemption.decision_reason == ""
    assert promise.state == Promise.State.PUBLISHED
    assert (promise.remaining_capacity, promise.remaining_quantity) == remaining
    assert promise.title != "Gekapert" and draft.title != "Gekapert"
    assert draft.state == Promise.State.DRAFT
    assert not redemption.state_changes.exists() and not promise.state_changes.exists()


def test_the_admins_keep_deciding_and_the_ex_member_is_no_longer_told(world):
    remove(world)
    admin, owner, promise = world["admin"], world["owner"], world["promise"]
    assert promise not in client_for(owner).get(reverse("promises:mine")).context["promises"]
    Notification.objects.all().delete()

    applicant = factories.UserFactory()
    response = client_for(applicant).post(
        reverse("promises:apply", args=[promise.pk]), {"plan": "Wir helfen.", "quantity": 1}
    )
    assert response.status_code == 302
    told = Notification.objects.filter(kind=messages.NEW_APPLICATION.key)
    assert list(told.values_list("recipient", flat=True)) == [admin.pk]

    redemption = world["redemption"]
    response = client_for(admin).post(reverse("promises:accept", args=[redemption.pk]))
    assert response.status_code == 302
    redemption.refresh_from_db()
    assert redemption.state == Redemption.State.ACCEPTED
