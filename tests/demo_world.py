"""The demo world (handschlag/site/demo) as the page tests use it: a promise, a redemption and
a post in every state, plus the few things the demo lacks (abuse report, notifications,
members, a join request, an invitation, an organisation asking for a kind with powers).

Shared by the browser tests (tests/e2e/) and the HTML check (tests/core/test_html_valid.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from handschlag.accounts.models import User
from handschlag.blog.models import Post
from handschlag.organisations import services as organisation_services
from handschlag.organisations.models import Membership, Organisation
from handschlag.promises import messages
from handschlag.promises.models import Promise, Redemption
from handschlag.site.demo import data
from handschlag.site.demo.loader import load_demo
from tests import factories


@dataclass
class DemoWorld:
    """The demo data, loaded, plus the few things it lacks (abuse report, notifications…)."""

    emails: dict[str, str]

    def person(self, key: str) -> User:
        """A person of the demo (a key of data.PEOPLE: "company", "moderator", …)."""
        return User.objects.get(email=self.emails[key])

    def promise(self, key: str) -> Promise:
        title = next(row[5] for row in data.PROMISES if row[0] == key)
        return Promise.objects.get(title=title)

    def promise_in(self, state: str, *, owner: str) -> Promise:
        return Promise.objects.filter(state=state, owner__email=self.emails[owner]).first()

    def redemption(self, state: str) -> Redemption:
        return Redemption.objects.get(state=state)

    def organisation(self, key: str) -> Organisation:
        name = next(row[1] for row in data.ORGANISATIONS if row[0] == key)
        return Organisation.objects.get(name=name)

    def requesting_organisation(self) -> Organisation:
        """The organisation that asked for a kind with powers (a moderator still has to verify)."""
        return Organisation.objects.exclude(requested_kind="").get()

    def report_post(self) -> Post:
        return Post.objects.filter(kind=Post.Kind.REPORT).first()

    def editorial_post(self) -> Post:
        return Post.objects.filter(kind=Post.Kind.EDITORIAL).first()


def build_demo_world() -> DemoWorld:
    load_demo()
    world = DemoWorld(emails={key: email for key, email, *_rest in data.PEOPLE})
    company = world.organisation("techwerk")
    company_user = company.memberships.get(role=Membership.Role.ADMIN).user
    # Members, a join request and an invitation, so the members page shows all its parts.
    factories.MembershipFactory(organisation=company, user__first_name="Erika")
    factories.JoinRequestFactory(organisation=company)
    factories.InvitationFactory(organisation=company, invited_by=company_user)
    factories.AbuseReportFactory(target=world.promise("dolmetschen"), reporter=company_user)
    factories.NotificationFactory(
        recipient=company_user,
        kind=messages.NEW_APPLICATION.key,
        params={"promise": "Praktikum", "applicant": "Amira H."},
    )
    factories.NotificationFactory(
        recipient=company_user,
        kind=messages.PROMISE_PUBLISHED.key,
        read_at=timezone.now(),
        url="",
    )
    # A kind with powers is requested; it takes effect when a moderator verifies it.
    organisation_services.create_organisation(
        by=company_user,
        name="Bildungswerk Sonneberg gGmbH",
        kind=Organisation.Kind.CARRIER,
        municipality=company.municipality,
    )
    return world
