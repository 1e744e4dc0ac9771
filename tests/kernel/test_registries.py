"""The kernel's extension points, used by a test-only app (tests/kernel_app) that the kernel
has never heard of: notification kinds, moderation targets, personal data, audit verbs,
scoped roles and organisation page sections."""

import pytest
from django.core import mail
from django.urls import reverse

from handschlag.accounts import services as account_services
from handschlag.audit.models import AuditEntry
from handschlag.audit.services import UnknownVerb, record
from handschlag.moderation.models import AbuseReport
from handschlag.notifications.models import Notification
from handschlag.organisations import services as organisation_services
from handschlag.organisations.models import Membership
from handschlag.organisations.roles import grant_role, has_role
from tests import factories
from tests.conftest import client_for
from tests.kernel_app import services
from tests.kernel_app.models import Booking, Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return factories.MembershipFactory(role=Membership.Role.ADMIN).organisation


def test_a_registered_kind_is_mailed_to_all_admins_in_each_readers_language(
    organisation, django_capture_on_commit_callbacks
):
    english_admin = factories.MembershipFactory(
        organisation=organisation, role=Membership.Role.ADMIN,
        user=factories.UserFactory(preferred_language="en"),
    ).user  # fmt: skip
    member = factories.MembershipFactory(organisation=organisation).user
    workshop = Workshop.objects.create(title="Erste Hilfe", organisation=organisation, seats_left=0)
    booking = Booking.objects.create(workshop=workshop, person=member)

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_booking(booking=booking)

    notified = Notification.objects.filter(kind=services.SEAT_FREED)
    assert notified.count() == 2 and not notified.filter(recipient=member).exists()
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[english_admin.email] == "[Handschlag] A seat in “Erste Hilfe” is free"
    assert len({s for s in subjects.values()}) == 2  # the German admin got the German text
    workshop.refresh_from_db()
    assert workshop.seats_left == 1


def test_its_kind_appears_in_the_email_settings_under_its_group(user):
    page = client_for(user).get(reverse("notifications:settings")).content.decode()
    assert "<legend>Werkstätten</legend>" in page and "E-Mail bei: Ein Platz ist frei" in page


def test_its_queue_is_a_tab_on_the_moderation_dashboard(moderator):
    Workshop.objects.create(title="Wartet auf Prüfung", public=False)
    page = client_for(moderator).get(reverse("moderation:dashboard") + "?queue=workshops")
    assert page.status_code == 200
    assert "Werkstätten zur Prüfung" in page.content.decode()
    assert "<h3>Wartet auf Prüfung</h3>" in page.content.decode()


def test_its_objects_can_be_reported_and_its_decision_taken(user, moderator):
    workshop = Workshop.objects.create(title="Werbeveranstaltung")
    client_for(user).post(
        reverse("moderation:report_abuse", args=["workshop", workshop.pk]), {"reason": "spam"}
    )
    report = AbuseReport.objects.get()
    page = client_for(moderator).get(reverse("moderation:abuse", args=[report.pk]))
    assert 'value="do:cancel_workshop"' in page.content.decode()

    client_for(moderator).post(
        reverse("moderation:abuse", args=[report.pk]),
        {"decision": "do:cancel_workshop", "comment": "Reine Werbung."},
    )

    workshop.refresh_from_db()
    report.refresh_from_db()
    assert workshop.cancelled and report.state == AbuseReport.State.RESOLVED
    assert AuditEntry.objects.filter(verb=services.CANCELLED, actor=moderator).exists()


def test_only_public_objects_can_be_reported(user):
    hidden = Workshop.objects.create(title="Intern", public=False)
    url = reverse("moderation:report_abuse", args=["workshop", hidden.pk])
    assert client_for(user).get(url).status_code == 404


def test_its_moderation_verb_is_in_the_moderation_log_and_its_other_verb_is_not(moderator):
    workshop = Workshop.objects.create(title="Kochkurs")
    services.book(workshop=workshop, person=factories.UserFactory())
    services.cancel_workshop(workshop=workshop, by=moderator, comment="abgesagt")
    log = client_for(moderator).get(reverse("moderation:log")).content.decode()
    assert "Werkstatt abgesagt" in log and "Platz gebucht" not in log


def test_an_unregistered_verb_is_refused():
    with pytest.raises(UnknownVerb):
        record(actor=None, verb="kernel_app.unknown", target=Workshop.objects.create(title="x"))
    assert not AuditEntry.objects.exists()


def test_its_data_is_exported_and_erased_through_its_services(user):
    workshop = Workshop.objects.create(title="Nähcafé", seats=3, seats_left=3)
    services.book(workshop=workshop, person=user, note="mit Kind")

    exported = account_services.export_user_data(user=user)
    assert exported["kernel_app"] == {"bookings": [{"workshop": "Nähcafé", "note": "mit Kind"}]}

    account_services.delete_account(user=user)

    assert not Booking.objects.exists()
    workshop.refresh_from_db()
    assert workshop.seats_left == 3  # the erase handler gave the seat back through the guard


def test_its_scoped_role_ends_with_the_membership(organisation):
    admin = organisation.memberships.get().user
    membership = factories.MembershipFactory(organisation=organisation)
    workshop = Workshop.objects.create(title="Fahrradwerkstatt", organisation=organisation)
    other = Workshop.objects.create(title="Andere", organisation=organisation)
    grant_role(membership=membership, by=admin, role="kernel_app.trainer", scope=workshop)
    assert has_role(membership.user, "kernel_app.trainer", scope=workshop)
    assert not has_role(membership.user, "kernel_app.trainer", scope=other)

    organisation_services.remove_member(membership=membership, by=admin)

    assert not has_role(membership.user, "kernel_app.trainer", scope=workshop)


def test_its_section_appears_on_the_organisation_page(organisation):
    Workshop.objects.create(title="Sprachcafé", organisation=organisation)
    page = client_for(factories.UserFactory()).get(organisation.get_absolute_url())
    assert "Werkstatt: Sprachcafé" in page.content.decode()
