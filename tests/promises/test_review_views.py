"""The moderators' review pages for the promise queues, now served by promises:
promises:review (/versprechen/<pk>/pruefen/) and promises:review_dispute
(/versprechen/einloesung/<pk>/streitfall/). What they show and decide is tested in
tests/moderation/test_review_pages.py and test_review_decisions.py."""

import pytest
from django.urls import reverse

from handschlag.audit.models import AuditEntry
from handschlag.notifications.models import Notification
from handschlag.organisations.models import Membership
from handschlag.promises import messages
from handschlag.promises.models import Promise, Redemption
from tests import factories
from tests.conftest import client_for

from .conftest import redemption_in

pytestmark = pytest.mark.django_db


def test_the_review_pages_live_under_versprechen():
    assert reverse("promises:review", args=[7]) == "/versprechen/7/pruefen/"
    assert reverse("promises:review_dispute", args=[7]) == "/versprechen/einloesung/7/streitfall/"


def test_the_queues_link_to_the_review_pages(moderator):
    promise = factories.PromiseFactory(state=Promise.State.PENDING)
    dispute = factories.RedemptionFactory(state=Redemption.State.DISPUTED)
    client = client_for(moderator)
    dashboard = reverse("moderation:dashboard")
    html = client.get(dashboard, {"queue": "promises"}).content.decode()
    assert reverse("promises:review", args=[promise.pk]) in html
    html = client.get(dashboard, {"queue": "disputes"}).content.decode()
    assert reverse("promises:review_dispute", args=[dispute.pk]) in html


@pytest.mark.parametrize("name", ["promises:review", "promises:review_dispute"])
def test_only_moderators_open_the_review_pages(client, moderator, name):
    promise = factories.PromiseFactory(state=Promise.State.PENDING)
    dispute = redemption_in(Redemption.State.DISPUTED, promise=factories.PromiseFactory())
    target = promise if name == "promises:review" else dispute
    url = reverse(name, args=[target.pk])
    response = client.get(url)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    promiser = target.owner if name == "promises:review" else target.promise.owner
    for person in (promiser, factories.UserFactory()):
        assert client_for(person).get(url).status_code == 403
        assert client_for(person).post(url, {"decision": "approve"}).status_code == 403
    assert client_for(moderator).get(url).status_code == 200


def test_approving_tells_the_owner_and_the_organisations_admins(moderator):
    organisation = factories.OrganisationFactory()
    owner = factories.MembershipFactory(organisation=organisation).user
    admin = factories.MembershipFactory(organisation=organisation, role=Membership.Role.ADMIN).user
    promise = factories.PromiseFactory(
        owner=owner, organisation=organisation, state=Promise.State.PENDING, published_at=None
    )
    response = client_for(moderator).post(
        reverse("promises:review", args=[promise.pk]),
        {"decision": "approve", "approve-comment": "Schön"},
    )
    assert response["Location"] == reverse("moderation:dashboard") + "?queue=promises"
    told = Notification.objects.filter(kind=messages.PROMISE_PUBLISHED.key)
    assert sorted(told.values_list("recipient", flat=True)) == sorted([owner.pk, admin.pk])
    entry = AuditEntry.objects.get()
    assert (entry.verb, entry.actor, entry.comment) == (
        "promises.publish_promise",
        moderator,
        "Schön",
    )


def test_deciding_a_dispute_as_failed_gives_the_place_back(moderator):
    redemption = redemption_in(Redemption.State.DISPUTED, report_text="Bericht")
    promise = redemption.promise
    before = Promise.objects.get(pk=promise.pk).remaining_capacity
    response = client_for(moderator).post(
        reverse("promises:review_dispute", args=[redemption.pk]),
        {"outcome": "fail", "comment": "Nicht erfüllt."},
    )
    assert response["Location"] == reverse("moderation:dashboard") + "?queue=disputes"
    redemption.refresh_from_db()
    promise.refresh_from_db()
    assert redemption.state == Redemption.State.FAILED
    assert promise.remaining_capacity == before + 1
    entry = AuditEntry.objects.get()
    assert entry.verb == "promises.resolve_dispute" and entry.details == {"outcome": "fail"}
