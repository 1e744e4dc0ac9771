import pytest

from tests import factories

from .factories import NeedFactory, member_of, town


@pytest.fixture
def stralsund(db):
    return town("Stralsund")


@pytest.fixture
def need(stralsund):
    return NeedFactory(municipality=stralsund)


@pytest.fixture
def member(need):
    return member_of(need.organisation)


@pytest.fixture
def moderator(db):
    return factories.ModeratorFactory()


@pytest.fixture
def promise_near(stralsund):
    """An open promise of 10 laptops in the same town as `need`."""
    return factories.PromiseFactory(municipality=stralsund, unit="Laptops", quantity=10)
