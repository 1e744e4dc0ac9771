"""Reads: the public list with its filters, the detail, "Meine Versprechen"."""

import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from handschlag.organisations.models import Membership
from handschlag.places.selectors import municipality_ids_near
from handschlag.promises import selectors
from handschlag.promises.filters import PromiseFilters
from handschlag.promises.models import Category, Promise, Redemption, open_condition
from handschlag.promises.registry import promise_sections
from tests import factories

pytestmark = pytest.mark.django_db


def titles(queryset):
    return {p.title for p in queryset}


def listed(**filters):
    """Titles of the public list for these PromiseFilters fields."""
    return titles(selectors.promise_list(filters=PromiseFilters(**filters)))


@pytest.fixture
def towns():
    """Sonneberg, Coburg (about 18 km away), Erfurt (about 90 km), Hamburg (far)."""
    return {
        "sonneberg": factories.MunicipalityFactory(
            name="Sonneberg", slug="sonneberg", ags="16072017", latitude=50.3597, longitude=11.1744
        ),
        "coburg": factories.MunicipalityFactory(
            name="Coburg", slug="coburg", ags="09463000", latitude=50.2612, longitude=10.9627
        ),
        "erfurt": factories.MunicipalityFactory(
            name="Erfurt", slug="erfurt", ags="16051000", latitude=50.9787, longitude=11.0328
        ),
        "hamburg": factories.MunicipalityFactory(
            name="Hamburg", slug="hamburg", ags="02000000", latitude=53.5511, longitude=9.9937
        ),
    }


def test_list_shows_only_public_promises():
    factories.PromiseFactory(title="veröffentlicht")
    factories.PromiseFactory(title="abgelaufen", state=Promise.State.EXPIRED)
    for state in (Promise.State.DRAFT, Promise.State.PENDING, Promise.State.WITHDRAWN):
        factories.PromiseFactory(title=state, state=state)
    assert listed() == {"veröffentlicht", "abgelaufen"}


def test_filter_by_municipality(towns):
    factories.PromiseFactory(title="hier", municipality=towns["sonneberg"])
    factories.PromiseFactory(title="dort", municipality=towns["hamburg"])
    assert listed(municipality="sonneberg") == {"hier"}


@pytest.mark.parametrize(
    ("radius", "expected"),
    [
        (5, {"Sonneberg", "bundesweit"}),
        (25, {"Sonneberg", "Coburg", "bundesweit"}),
        (100, {"Sonneberg", "Coburg", "Erfurt", "bundesweit"}),
    ],
)
def test_filter_near_a_town_within_radius_includes_nationwide(towns, radius, expected):
    for town in towns.values():
        factories.PromiseFactory(title=town.name, municipality=town)
    factories.PromiseFactory(title="bundesweit", municipality=None)
    assert listed(near="sonneberg", radius_km=radius) == expected


def test_near_excludes_corner_of_bounding_box(towns):
    """A town inside the square box but outside the circle is not "near"."""
    corner = factories.MunicipalityFactory(
        name="Ecke", slug="ecke", ags="16999999", latitude=50.3597 + 0.2, longitude=11.1744 + 0.31
    )
    factories.PromiseFactory(title="Ecke", municipality=corner)
    near = municipality_ids_near(slug="sonneberg", radius_km=25)
    assert corner.pk not in near and towns["coburg"].pk in near
    assert "Ecke" not in listed(near="sonneberg", radius_km=25)


def test_filter_by_category_and_open_only():
    factories.PromiseFactory(title="offen", category="language")
    factories.PromiseFactory(title="voll", category="language", remaining_capacity=0)
    factories.PromiseFactory(
        title="vorbei", category="language", deadline=datetime.date(2020, 1, 1)
    )
    factories.PromiseFactory(title="andere", category="jobs")
    assert listed(category=Category.LANGUAGE) == {"offen", "voll", "vorbei"}
    assert listed(category=Category.LANGUAGE, open_only=True) == {"offen"}


def test_full_text_search_over_title_description_condition():
    factories.PromiseFactory(title="Fahrräder für alle", description="Zehn Räder")
    factories.PromiseFactory(title="Laptops", condition="wenn jemand Deutschkurse gibt")
    factories.PromiseFactory(title="Anderes")
    assert listed(q="Fahrräder") == {"Fahrräder für alle"}
    assert listed(q="Deutschkurse") == {"Laptops"}
    assert listed(q="nichtsdergleichen") == set()


def test_sorting():
    today = timezone.localdate()
    a = factories.PromiseFactory(title="a", deadline=today + datetime.timedelta(days=50))
    b = factories.PromiseFactory(title="b", deadline=today + datetime.timedelta(days=5), capacity=5)
    c = factories.PromiseFactory(title="c", deadline=today + datetime.timedelta(days=20))

    def sort(key):
        return [p.pk for p in selectors.promise_list(filters=PromiseFilters(sort=key))]

    assert sort("deadline") == [b.pk, c.pk, a.pk]
    assert sort("remaining")[0] == b.pk
    assert sort("newest") == [c.pk, b.pk, a.pk]


def test_list_query_count_is_constant(django_assert_num_queries):
    factories.PromiseFactory.create_batch(3, organisation=factories.OrganisationFactory())

    def run():
        with CaptureQueriesContext(connection) as ctx:
            for promise in selectors.promise_list(filters=PromiseFilters(near="x")):
                promise.promiser_name, getattr(promise.municipality, "name", "")
        return len(ctx)

    few = run()
    factories.PromiseFactory.create_batch(10)
    factories.PromiseFactory.create_batch(5, organisation=factories.OrganisationFactory())
    assert run() == few


def test_detail_visibility(user, moderator):
    draft = factories.PromiseFactory(state=Promise.State.DRAFT)
    with pytest.raises(Http404):
        selectors.promise_detail(pk=draft.pk, user=user)
    assert selectors.promise_detail(pk=draft.pk, user=draft.owner) == draft
    assert selectors.promise_detail(pk=draft.pk, user=moderator) == draft
    org_draft = factories.PromiseFactory(
        state=Promise.State.DRAFT, organisation=factories.OrganisationFactory()
    )
    member = factories.MembershipFactory(organisation=org_draft.organisation).user
    assert selectors.promise_detail(pk=org_draft.pk, user=member) == org_draft
    with pytest.raises(Http404):
        selectors.promise_detail(pk=999999, user=moderator)


def test_detail_has_reports_and_copies_count(user):
    promise = factories.PromiseFactory()
    factories.PostFactory(kind="report", promise=promise, title="Bericht")
    factories.PostFactory(kind="report", promise=promise, title="Entwurf", published_at=None)
    factories.PromiseFactory.create_batch(2, inspired_by=promise, state=Promise.State.DRAFT)
    detail = selectors.promise_detail(pk=promise.pk, user=user)
    assert detail.copies_count == 2 and detail.is_fulfilled is False
    # the reports section comes from the blog, through the promise page's section registry
    sections = {section.key: context for section, context in promise_sections.shown(detail, user)}
    assert [p.title for p in sections["reports"]["reports"]] == ["Bericht"]


def test_my_promises_with_next_step(user):
    mine = factories.PromiseFactory(owner=user)
    factories.RedemptionFactory.create_batch(3, promise=mine)
    organisation = factories.OrganisationFactory()
    factories.MembershipFactory(user=user, organisation=organisation, role=Membership.Role.MEMBER)
    ours = factories.PromiseFactory(organisation=organisation)
    factories.RedemptionFactory(promise=ours, state=Redemption.State.REPORTED)
    factories.PromiseFactory()  # someone else's
    result = {p.pk: p for p in selectors.my_promises(user=user)}
    assert set(result) == {mine.pk, ours.pk}
    assert result[mine.pk].next_step.text == "3 neue Bewerbungen – bitte entscheiden"
    # a plain member of the organisation may not confirm: told who does, not asked
    assert result[ours.pk].next_step.text == (
        "Ein Bericht wartet auf die Bestätigung der Versprechenden"
    )
    assert not result[ours.pk].next_step.urgent


def test_my_applications_with_next_step(user):
    factories.RedemptionFactory(applicant=user, state=Redemption.State.ACCEPTED)
    factories.RedemptionFactory()
    [application] = selectors.my_applications(user=user)
    assert application.next_step.urgent and "Umsetzung" in application.next_step.text


def test_my_pages_query_count_is_constant(user):
    def run():
        with CaptureQueriesContext(connection) as ctx:
            for promise in selectors.my_promises(user=user):
                [r.redeemer_name for r in promise.redemptions.all()]
            for redemption in selectors.my_applications(user=user):
                assert redemption.promise.promiser_name
        return len(ctx)

    factories.RedemptionFactory(promise=factories.PromiseFactory(owner=user))
    factories.RedemptionFactory(applicant=user)
    factories.RedemptionFactory(applicant=user, organisation=factories.OrganisationFactory())
    few = run()
    for _ in range(4):
        factories.RedemptionFactory.create_batch(2, promise=factories.PromiseFactory(owner=user))
        factories.RedemptionFactory(applicant=user, organisation=factories.OrganisationFactory())
    assert run() == few


def test_open_is_defined_once_in_sql_and_python():
    """`Promise.objects.open()`, the list's open filter and `Promise.is_open` agree."""
    past = datetime.date(2020, 1, 1)
    factories.PromiseFactory(title="offen")
    factories.PromiseFactory(title="voll", remaining_capacity=0)
    factories.PromiseFactory(title="vorbei", deadline=past)
    factories.PromiseFactory(title="heute", deadline=timezone.localdate())
    for state in Promise.State:
        if state != Promise.State.PUBLISHED:
            factories.PromiseFactory(title=state, state=state)
    in_python = {p.title for p in Promise.objects.all() if p.is_open}
    assert in_python == {"offen", "heute"}
    assert titles(Promise.objects.open()) == in_python
    assert titles(Promise.objects.filter(open_condition())) == in_python
    assert listed(open_only=True) == in_python
