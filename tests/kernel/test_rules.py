"""Every permission called directly for every role, including an ex-member (removed through the
service a moment ago) and a deactivated moderator. Pages and API ask the same permissions
through `has_perm`, so this table is the one place that says who may do what."""

import pytest
import rules

from handschlag.organisations import services as organisation_services
from handschlag.organisations.models import Membership
from handschlag.promises.models import Promise, Redemption
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous", "stranger", "member", "admin", "owner", "ex_owner", "ex_admin",
    "redeemer_member", "ex_redeemer", "applicant", "moderator", "inactive_moderator",
)  # fmt: skip
Y, N = True, False

# fmt: off
PROMISE_PERMS = {
    # perm, object: one column per role in ROLES
    ("promises.view_promise", "draft"):          (N, N, Y, Y, Y, N, N, N, N, N, Y, N),
    ("promises.view_promise", "published"):      (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y),
    ("promises.edit_promise", "draft"):          (N, N, N, Y, Y, N, N, N, N, N, N, N),
    ("promises.withdraw_promise", "published"):  (N, N, N, Y, Y, N, N, N, N, N, N, N),
    ("promises.review_promise", "draft"):        (N, N, N, N, N, N, N, N, N, N, Y, N),
    ("promises.apply", "published"):             (N, Y, Y, N, N, Y, Y, Y, Y, Y, Y, N),
    ("promises.copy_promise", "published"):      (N, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, N),
    ("promises.view_all_promises", None):        (N, N, N, N, N, N, N, N, N, N, Y, N),
    ("promises.decide_application", "redemption"):   (N, N, N, Y, Y, N, N, N, N, N, N, N),
    ("promises.confirm_fulfilment", "redemption"):   (N, N, N, Y, Y, N, N, N, N, N, N, N),
    ("promises.work_on_redemption", "redemption"):   (N, N, N, N, N, N, N, Y, N, Y, N, N),
    ("promises.withdraw_application", "redemption"): (N, N, N, N, N, N, N, N, N, Y, N, N),
    # members of the promising organisation read along (and write in its thread, issue #8)
    ("promises.view_redemption", "redemption"):      (N, N, Y, Y, Y, N, N, Y, N, Y, Y, N),
    ("promises.resolve_dispute", "redemption"):      (N, N, N, N, N, N, N, N, N, N, Y, N),
    ("promises.publish_report", "redemption"):       (N, N, N, N, N, N, N, N, N, N, Y, N),
    ("organisations.edit", "organisation"):           (N, N, N, Y, N, N, N, N, N, N, N, N),
    ("organisations.manage_members", "organisation"): (N, N, N, Y, N, N, N, N, N, N, N, N),
    ("organisations.view_members", "organisation"):   (N, N, Y, Y, Y, N, N, N, N, N, N, N),
    ("organisations.join", "organisation"):           (N, Y, N, N, N, Y, Y, Y, Y, Y, Y, N),
    ("organisations.leave", "organisation"):          (N, N, Y, Y, Y, N, N, N, N, N, N, N),
    ("organisations.verify", "organisation"):         (N, N, N, N, N, N, N, N, N, N, Y, N),
    ("organisations.create", None):                   (N, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, N),
    ("blog.write_post", None):                (N, N, N, N, N, N, N, N, N, N, Y, N),
    ("blog.unpublish_post", None):            (N, N, N, N, N, N, N, N, N, N, Y, N),
    ("blog.view_unpublished_posts", None):    (N, N, N, N, N, N, N, N, N, N, Y, N),
    ("moderation.view_queues", None):         (N, N, N, N, N, N, N, N, N, N, Y, N),
    ("moderation.decide_abuse_report", None): (N, N, N, N, N, N, N, N, N, N, Y, N),
    ("moderation.report_abuse", None):        (N, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, N),
}
# fmt: on


@pytest.fixture
def world():
    organisation = factories.OrganisationFactory()
    admin = factories.MembershipFactory(organisation=organisation, role=Membership.Role.ADMIN).user
    owner = factories.MembershipFactory(organisation=organisation).user
    ex_owner = factories.MembershipFactory(organisation=organisation).user
    ex_admin = factories.MembershipFactory(organisation=organisation, role="admin").user
    member = factories.MembershipFactory(organisation=organisation).user
    redeeming = factories.OrganisationFactory()
    applicant = factories.MembershipFactory(organisation=redeeming).user
    redeemer_member = factories.MembershipFactory(organisation=redeeming).user
    ex_redeemer = factories.MembershipFactory(organisation=redeeming, role="admin").user

    def promise(**kwargs):
        kwargs.setdefault("owner", owner)
        return factories.PromiseFactory(organisation=organisation, **kwargs)

    published = promise()
    objects = {
        "draft": promise(state=Promise.State.DRAFT, published_at=None),
        "published": published,
        "organisation": organisation,
        "redemption": factories.RedemptionFactory(
            promise=published, applicant=applicant, organisation=redeeming,
            state=Redemption.State.REPORTED,
        ),
        None: None,
    }  # fmt: skip
    # ex_owner owns a promise of the organisation too, then leaves it; ex_admin is removed.
    objects["ex_draft"] = promise(owner=ex_owner, state=Promise.State.DRAFT, published_at=None)
    for leaving, org in ((ex_owner, organisation), (ex_admin, organisation)):
        organisation_services.remove_member(
            membership=Membership.objects.get(user=leaving, organisation=org), by=admin
        )
    # the ex-redeemer applied for their organisation too, then left it
    objects["ex_redemption"] = factories.RedemptionFactory(
        promise=promise(), applicant=ex_redeemer, organisation=redeeming,
        state=Redemption.State.IN_PROGRESS,
    )  # fmt: skip
    factories.MembershipFactory(organisation=redeeming, role="admin")
    organisation_services.leave_organisation(organisation=redeeming, by=ex_redeemer)
    people = {
        "anonymous": None, "stranger": factories.UserFactory(), "member": member,
        "admin": admin, "owner": owner, "ex_owner": ex_owner, "ex_admin": ex_admin,
        "redeemer_member": redeemer_member, "ex_redeemer": ex_redeemer, "applicant": applicant,
        "moderator": factories.ModeratorFactory(),
        "inactive_moderator": factories.ModeratorFactory(is_active=False),
    }  # fmt: skip
    return people, objects


def as_user(person):
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser() if person is None else person


CELLS = [
    pytest.param(perm, target, role, allowed, id=f"{perm}-{target}-{role}")
    for (perm, target), row in PROMISE_PERMS.items()
    for role, allowed in zip(ROLES, row, strict=True)
]


@pytest.mark.parametrize(("perm", "target", "role", "allowed"), CELLS)
def test_permission(world, perm, target, role, allowed):
    people, objects = world
    user = as_user(people[role])
    assert rules.has_perm(perm, user, objects[target]) is allowed
    assert user.has_perm(perm, objects[target]) is allowed  # through the auth backend too


def test_an_ex_owner_has_no_power_over_the_promise_they_made_for_the_organisation(world):
    people, objects = world
    ex_owner, draft = people["ex_owner"], objects["ex_draft"]
    for perm in ("promises.view_promise", "promises.edit_promise", "promises.withdraw_promise"):
        assert not ex_owner.has_perm(perm, draft)
    assert people["admin"].has_perm("promises.edit_promise", draft)  # the organisation keeps it


def test_an_ex_member_who_applied_for_the_organisation_loses_the_redemption(world):
    people, objects = world
    redemption = objects["ex_redemption"]
    for perm in ("promises.work_on_redemption", "promises.withdraw_application",
                 "promises.view_redemption"):  # fmt: skip
        assert not people["ex_redeemer"].has_perm(perm, redemption)
    assert people["redeemer_member"].has_perm("promises.work_on_redemption", redemption)
