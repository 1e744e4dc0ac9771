import json

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder

from handschlag.accounts.personal_data import personal_data
from handschlag.accounts.services import delete_account, export_user_data
from handschlag.audit.models import AuditEntry
from handschlag.notifications.models import EmailOptOut, Notification
from handschlag.organisations import services as org_services
from handschlag.organisations.models import Invitation, JoinRequest, Membership
from handschlag.promises.models import Promise, Redemption
from tests.factories import (
    InvitationFactory,
    JoinRequestFactory,
    MembershipFactory,
    NotificationFactory,
    OrganisationFactory,
    PromiseFactory,
    RedemptionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
PUBLISHED = "promises.promise_published"


@pytest.fixture
def world(user):
    """The user with something of every kind, and a stranger with the same kinds of things."""
    stranger = UserFactory(first_name="Fremd", email="fremd@example.org")
    org = org_services.create_organisation(by=user, name="Meine Initiative", kind="initiative")
    org_services.update_organisation(organisation=org, by=user, description="Wir lesen vor.")
    JoinRequestFactory(user=user, message="Bitte aufnehmen")
    InvitationFactory(email=user.email)
    promise = PromiseFactory(owner=user, title="Mein Versprechen")
    redemption = RedemptionFactory(applicant=user, promise=PromiseFactory(owner=stranger))
    redemption.report_text = "Mein Bericht"
    redemption.save()
    NotificationFactory(recipient=user, kind=PUBLISHED, params={"promise": "Für mich"})
    EmailOptOut.objects.create(user=user, kind="organisations.message")
    redemption.move_to(Redemption.State.WITHDRAWN, by=user)
    # the stranger's data
    PromiseFactory(owner=stranger, title="Fremdes Versprechen")
    RedemptionFactory(applicant=stranger, promise=promise, plan="Fremder Plan")
    NotificationFactory(recipient=stranger, kind=PUBLISHED, params={"promise": "Für Fremde"})
    MembershipFactory(user=stranger, organisation=OrganisationFactory(name="Fremde Org"))
    return {"stranger": stranger, "org": org, "promise": promise, "redemption": redemption}


def test_export_contains_the_users_data_and_no_one_elses(user, world):
    data = export_user_data(user=user)
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)

    assert data["profile"]["email"] == user.email
    assert data["profile"]["email_addresses"][0]["verified"] is True
    organisations = data["organisations"]
    assert [m["organisation"] for m in organisations["memberships"]] == ["Meine Initiative"]
    assert organisations["join_requests"][0]["message"] == "Bitte aufnehmen"
    assert len(organisations["invitations"]) == 1
    promises = data["promises"]
    assert [p["title"] for p in promises["promises"]] == ["Mein Versprechen"]
    assert promises["redemptions"][0]["report_text"] == "Mein Bericht"
    notifications = data["notifications"]
    assert (
        notifications["notifications"][0]["title"]
        == "Ihr Versprechen „Für mich“ ist veröffentlicht"
    )
    assert notifications["email_opt_outs"] == ["organisations.message"]
    assert data["state_changes"][0]["to"] == "withdrawn"
    assert [e["verb"] for e in data["audit_log"]] == ["organisations.create"]
    assert data["moderation"] == {"abuse_reports": []}
    assert data["blog"] == {"posts": []}
    for foreign in ("fremd@example.org", "Fremdes Versprechen", "Fremder Plan", "Für Fremde",
                    "Fremde Org"):  # fmt: skip
        assert foreign not in text


def test_export_has_a_section_for_every_registered_app(user):
    data = export_user_data(user=user)
    registered = [handler.key for handler in personal_data]
    assert {"organisations", "notifications", "moderation", "promises", "blog"} <= set(registered)
    assert list(data) == ["profile", "state_changes", "audit_log", *registered]
    json.dumps(data, cls=DjangoJSONEncoder)  # every section is JSON-ready


def test_delete_anonymises_and_keeps_promises(user, world):
    pk, old_email = user.pk, user.email
    open_application = RedemptionFactory(applicant=user)

    delete_account(user=user)

    user.refresh_from_db()
    assert user.email == f"deleted-{pk}@invalid.example"
    assert (user.first_name, user.last_name, user.is_active) == ("", "", False)
    assert not user.has_usable_password()
    assert Promise.objects.filter(owner=user).count() == 1
    assert Redemption.objects.filter(applicant=user).count() == 2
    open_application.refresh_from_db()
    assert open_application.state == Redemption.State.WITHDRAWN
    assert open_application.state_changes.filter(to_state="withdrawn").get().by is None
    for model, lookup in [
        (Membership, {"user": user}), (JoinRequest, {"user": user}),
        (Notification, {"recipient": user}), (EmailOptOut, {"user": user}),
        (EmailAddress, {"user": user}), (Invitation, {"email__iexact": old_email}),
    ]:  # fmt: skip
        assert not model.objects.filter(**lookup).exists(), model
    # nothing of the stranger's is touched
    assert Notification.objects.filter(recipient=world["stranger"]).exists()
    assert Membership.objects.filter(user=world["stranger"]).exists()


def test_sole_admin_hands_over_to_the_longest_standing_member(user):
    org = OrganisationFactory()
    MembershipFactory(organisation=org, user=user, role="admin")
    senior = MembershipFactory(organisation=org).user
    MembershipFactory(organisation=org)
    alone = OrganisationFactory()
    MembershipFactory(organisation=alone, user=user, role="admin")

    delete_account(user=user)

    assert Membership.objects.get(organisation=org, user=senior).role == "admin"
    assert Membership.objects.filter(organisation=org, role="admin").count() == 1
    assert not alone.memberships.exists()
    left = AuditEntry.objects.filter(verb="organisations.leave").order_by("pk")
    assert [(e.object_id, e.actor, e.details) for e in left] == [
        (o.pk, None, {"role": "admin", "reason": "account_deleted"}) for o in (org, alone)
    ]


def test_co_admins_are_not_duplicated(user):
    org = OrganisationFactory()
    MembershipFactory(organisation=org, user=user, role="admin")
    MembershipFactory(organisation=org, role="admin")
    member = MembershipFactory(organisation=org).user

    delete_account(user=user)

    assert Membership.objects.get(user=member).role == "member"


def test_deleted_account_cannot_accept_old_invitations(user):
    invitation = InvitationFactory(email=user.email)
    delete_account(user=user)
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    user.refresh_from_db()
    with pytest.raises(PermissionDenied):
        org_services.request_to_join(organisation=OrganisationFactory(), by=user)
