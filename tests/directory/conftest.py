import pytest

from handschlag.organisations.models import Membership
from tests import factories as base

from . import factories


@pytest.fixture
def portal(db):
    return factories.PortalFactory()


@pytest.fixture
def editor(portal):
    """A member of the municipality organisation that keeps the portal."""
    user = base.UserFactory()
    base.MembershipFactory(user=user, organisation=portal.organisation, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def portal_admin(portal):
    user = base.UserFactory()
    base.MembershipFactory(user=user, organisation=portal.organisation, role=Membership.Role.ADMIN)
    return user
