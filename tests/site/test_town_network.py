"""A town's page as its network page: impact in numbers, contact persons who consented, the
measures it works on, its self-assessment if it chose to share it; and "towns like mine"."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from handschlag.assessment.models import Assessment, Score
from handschlag.measures.models import Adoption, Measure
from handschlag.mentoring.models import SiteMonthFigures
from handschlag.organisations import contacts
from handschlag.organisations.models import Membership
from handschlag.promises.models import Redemption
from handschlag.site.network import impact_of, towns_like
from tests import factories
from tests.assessment.factories import AssessmentFactory
from tests.directory.factories import PortalFactory
from tests.events.factories import EventFactory
from tests.measures.factories import MeasureFactory, texts
from tests.mentoring import factories as mentoring
from tests.needs.factories import NeedFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return factories.MunicipalityFactory(name="Sonneberg", slug="sonneberg", state="TH",
                                         population=23_000)  # fmt: skip


@pytest.fixture
def town_hall(town):
    return factories.OrganisationFactory(
        name="Stadt Sonneberg", kind="municipality", is_verified=True, municipality=town
    )


def page(client, town):
    return client.get(reverse("municipality", args=[town.slug])).content.decode()


def test_impact_counts_kept_promises_with_their_value_tandems_and_held_events(town):
    promise = factories.PromiseFactory(
        municipality=town, quantity=10, estimated_value=Decimal("2000")
    )
    for state, quantity in (
        (Redemption.State.CONFIRMED, 2),
        (Redemption.State.PUBLISHED, 3),
        (Redemption.State.IN_PROGRESS, 4),  # not kept (yet)
    ):
        factories.RedemptionFactory(promise=promise, state=state, quantity=quantity)
    no_value = factories.PromiseFactory(municipality=town, quantity=1, estimated_value=None)
    factories.RedemptionFactory(promise=no_value, state=Redemption.State.CONFIRMED)
    elsewhere = factories.PromiseFactory(quantity=1, estimated_value=Decimal("999"))
    factories.RedemptionFactory(promise=elsewhere, state=Redemption.State.CONFIRMED)

    site = mentoring.SiteFactory(municipality=town)
    for month, set_up in (("2025-01-01", 3), ("2026-03-01", 4)):
        SiteMonthFigures.objects.create(
            site=site, carrier=site.carrier, programme=site.carrier.programme,
            month=datetime.date.fromisoformat(month), set_up=set_up,
        )  # fmt: skip
    past = timezone.now() - datetime.timedelta(days=30)
    EventFactory(municipality=town, starts_at=past, ends_at=past + datetime.timedelta(hours=2))
    EventFactory(
        municipality=town, starts_at=past, ends_at=past + datetime.timedelta(hours=2),
        state="cancelled",
    )  # fmt: skip
    EventFactory(municipality=town)  # still to come

    impact = impact_of(town)
    assert impact.promises_kept == 3  # two of the promise, one without value
    assert impact.kept_value == Decimal("1000")  # (2 + 3) of 10 units of 2,000 euros
    assert impact.tandems_set_up == 7
    assert impact.events_held == 1


def test_an_empty_town_says_nothing_is_counted_yet(client, town):
    html = page(client, town)
    assert "Für Sonneberg ist noch nichts gezählt" in html
    assert "hat noch keine Maßnahme aus dem Maßnahmenkoffer übernommen" in html


def test_a_member_shows_themself_as_contact_person_and_takes_it_back(client, town, town_hall):
    officer = factories.MembershipFactory(organisation=town_hall).user
    client.force_login(officer)
    url = reverse("organisations:contact_person", args=[town_hall.slug])
    form = {"show": "1", "function": "Integrationsbeauftragte", "consent": "on"}
    response = client.post(url, {**form, "email": "integration@sonneberg.example"})
    assert response.status_code == 302
    membership = Membership.objects.get(user=officer)
    assert membership.contact_consented_at is not None
    client.logout()
    html = page(client, town)
    assert officer.public_name in html and "Integrationsbeauftragte" in html
    assert "integration@sonneberg.example" in html
    assert "Integrationsbeauftragte" in client.get(town_hall.get_absolute_url()).content.decode()

    client.force_login(officer)
    client.post(url, {"hide": "1"})
    membership.refresh_from_db()
    assert membership.contact_consented_at is None and membership.contact_email == ""
    client.logout()
    assert "Integrationsbeauftragte" not in page(client, town)


def test_without_consent_ticked_nobody_is_shown(client, town, town_hall):
    officer = factories.MembershipFactory(organisation=town_hall).user
    client.force_login(officer)
    response = client.post(
        reverse("organisations:contact_person", args=[town_hall.slug]),
        {"show": "1", "function": "Integrationsbeauftragte"},
    )
    assert response.status_code == 200 and "Dieses Feld ist zwingend erforderlich." in (
        response.content.decode()
    )
    assert Membership.objects.get(user=officer).contact_consented_at is None


def test_only_members_reach_the_contact_page_and_only_for_themselves(client, town_hall):
    url = reverse("organisations:contact_person", args=[town_hall.slug])
    assert client.get(url).status_code == 302  # to the login
    stranger = factories.UserFactory()
    client.force_login(stranger)
    assert client.post(url, {"show": "1", "function": "x", "consent": "on"}).status_code == 404
    assert not Membership.objects.filter(contact_consented_at__isnull=False).exists()


def test_a_contact_of_an_unverified_or_left_organisation_is_not_on_the_town_page(
    client, town, town_hall
):
    officer = factories.MembershipFactory(organisation=town_hall).user
    contacts.show_as_contact(organisation=town_hall, by=officer, function="Integrationsbeauftragte")
    town_hall.is_verified = False
    town_hall.save()
    assert "Integrationsbeauftragte" not in page(client, town)
    town_hall.is_verified = True
    town_hall.save()
    assert "Integrationsbeauftragte" in page(client, town)
    Membership.objects.filter(user=officer).delete()  # left the organisation
    assert "Integrationsbeauftragte" not in page(client, town)


def _closed_round(town, organisation, *, shared):
    assessment = AssessmentFactory(municipality=town, organisation=organisation, shared=shared)
    assessment.state = Assessment.State.CLOSED
    assessment.closed_at = timezone.now()
    assessment.save()
    first, second = assessment.framework.areas.order_by("position")
    Score.objects.bulk_create([
        Score(assessment=assessment, value=61.5),
        Score(assessment=assessment, area=first, value=72.0),
        Score(assessment=assessment, area=second, value=None),
    ])  # fmt: skip
    return assessment


def test_the_self_assessment_shows_only_when_the_town_shared_it(client, town, town_hall):
    assessment = _closed_round(town, town_hall, shared=False)
    html = page(client, town)
    assert "Standortbestimmung 2026" not in html and "Punkte von 100 je Handlungsfeld" not in html
    assessment.shared = True
    assessment.save()
    html = page(client, town)
    assert "Standortbestimmung 2026" in html
    assert ">Steuerung</th>" in html and 'value="72"' in html and "nicht bewertet" in html
    assert "<td>62</td>" in html  # overall
    assert reverse("assessment:results", args=[assessment.pk]) in html


def test_an_open_round_is_never_shown_even_when_marked_shared(client, town, town_hall):
    AssessmentFactory(municipality=town, organisation=town_hall, shared=True)
    assert "Standortbestimmung 2026" not in page(client, town)


def test_the_measures_the_town_works_on_are_listed_unpublished_ones_not(client, town, town_hall):
    doing = MeasureFactory(title=texts("Runder Tisch Integration"))
    done = MeasureFactory(title=texts("Willkommenslotsen"))
    hidden = MeasureFactory(title=texts("Noch im Entwurf"), state=Measure.State.DRAFT)
    for measure, completed in ((doing, None), (done, datetime.date(2026, 5, 1)), (hidden, None)):
        Adoption.objects.create(
            measure=measure, municipality=town, organisation=town_hall, completed_at=completed
        )
    html = page(client, town)
    assert "Runder Tisch Integration" in html and "Willkommenslotsen" in html
    assert "Noch im Entwurf" not in html
    assert html.index("Runder Tisch Integration") < html.index("Willkommenslotsen")  # open first


def test_towns_like_mine_are_of_the_same_state_and_size_with_their_measures(client, town):
    measure = MeasureFactory(title=texts("Zukunftswerkstatt"))

    def adopting(name, state, population):
        other = factories.MunicipalityFactory(name=name, state=state, population=population)
        organisation = factories.OrganisationFactory(kind="municipality", municipality=other)
        Adoption.objects.create(measure=measure, municipality=other, organisation=organisation)
        return other

    like = adopting("Suhl", "TH", 36_400)
    adopting("Erfurt", "TH", 215_000)  # larger
    adopting("Hildburghausen", "TH", 11_500)  # smaller
    adopting("Coburg", "BY", 41_000)  # another state
    factories.MunicipalityFactory(name="Ilmenau", state="TH", population=38_600)  # adopted nothing

    result = towns_like(town)
    assert result.size is not None and result.size.key == "20k_50k"
    assert [(t.name, [m.pk for m in ms]) for t, ms in result.towns] == [("Suhl", [measure.pk])]
    html = client.get(reverse("towns_like", args=[town.slug])).content.decode()
    assert "Suhl" in html and "Zukunftswerkstatt" in html
    assert "Erfurt" not in html and "Hildburghausen" not in html and "Coburg" not in html
    assert like.get_absolute_url() in html


def test_towns_like_one_of_unknown_size_are_all_of_its_state(town):
    town.population = 0
    town.save()
    measure = MeasureFactory()
    for name, population in (("Erfurt", 215_000), ("Suhl", 36_000)):
        other = factories.MunicipalityFactory(name=name, state="TH", population=population)
        organisation = factories.OrganisationFactory(kind="municipality", municipality=other)
        Adoption.objects.create(measure=measure, municipality=other, organisation=organisation)
    result = towns_like(town)
    assert result.size is None
    assert sorted(t.name for t, _ in result.towns) == ["Erfurt", "Suhl"]


def _cold_page(client, town):
    """The page with every cache empty (its fragments and the header's), and its queries."""
    cache.clear()
    caches["code"].clear()
    with CaptureQueriesContext(connection) as queries:
        html = page(client, town)
    return html, len(queries)


def test_a_busy_town_page_runs_at_most_ten_queries_cold_as_a_quiet_one(client, town, town_hall):
    """Issue #11's budget for the network page: ≤ 10 queries with the cache empty, for a
    signed-in member of the town (session, person and unread count included)."""
    officer = factories.MembershipFactory(organisation=town_hall, role="admin").user
    client.force_login(officer)
    _html, quiet = _cold_page(client, town)

    neighbour = factories.MunicipalityFactory(
        name="Neustadt", latitude=town.latitude + 0.05, longitude=town.longitude
    )
    factories.PromiseFactory.create_batch(4, municipality=town)
    factories.PromiseFactory.create_batch(3, municipality=neighbour, title="Nebenan")
    kept = factories.PromiseFactory(municipality=town, quantity=1, estimated_value=Decimal("50"))
    redemption = factories.RedemptionFactory(promise=kept, state=Redemption.State.PUBLISHED)
    factories.PostFactory(kind="report", promise=kept, redemption=redemption)
    NeedFactory.create_batch(2, municipality=town)
    EventFactory.create_batch(2, municipality=town)
    factories.OrganisationFactory.create_batch(3, municipality=town)
    _closed_round(town, town_hall, shared=True)
    for _ in range(5):
        Adoption.objects.create(measure=MeasureFactory(), municipality=town, organisation=town_hall)
        contacts.show_as_contact(
            organisation=town_hall, by=factories.MembershipFactory(organisation=town_hall).user,
            function="Ehrenamtskoordination",
        )  # fmt: skip

    PortalFactory(municipality=town, organisation=town_hall)  # published: linked, no query more

    html, busy = _cold_page(client, town)
    assert busy == quiet <= 10
    assert reverse("directory:portal", args=[town.slug]) in html
    assert html.count("Ehrenamtskoordination") == 5 and "Nebenan" in html
    assert "Standortbestimmung 2026" in html and "Alle Ergebnisse ansehen" in html


def test_the_page_links_to_the_towns_newcomer_portal_once_it_is_published(client, town, town_hall):
    portal_url = reverse("directory:portal", args=[town.slug])
    assert portal_url not in page(client, town)
    portal = PortalFactory(municipality=town, organisation=town_hall, published_at=None)
    assert portal_url not in page(client, town)
    portal.published_at = timezone.now()
    portal.save()  # the cached page knows at once (the content version)
    html = page(client, town)
    assert portal_url in html and "Ankommen in Sonneberg" in html


def test_contacts_show_first_name_and_initial_in_the_order_they_agreed(client, town, town_hall):
    for first, last, function in (
        ("Ada", "Lovelace", "Integrationsbeauftragte"),
        ("Bo", "", "Ehrenamtskoordination"),
    ):
        user = factories.MembershipFactory(
            organisation=town_hall, user__first_name=first, user__last_name=last
        ).user
        contacts.show_as_contact(organisation=town_hall, by=user, function=function)
    html = page(client, town)
    assert "<strong>Ada L.</strong>, Integrationsbeauftragte" in html
    assert "<strong>Bo</strong>, Ehrenamtskoordination" in html
    assert html.index("Ada L.") < html.index("<strong>Bo</strong>")
    assert f'href="{town_hall.get_absolute_url()}"' in html


def test_towns_like_runs_two_queries_whatever_the_number_of_towns(
    town, django_assert_max_num_queries
):
    for n in range(8):
        other = factories.MunicipalityFactory(state="TH", population=30_000 + n)
        organisation = factories.OrganisationFactory(kind="municipality", municipality=other)
        for measure in MeasureFactory.create_batch(2):
            Adoption.objects.create(measure=measure, municipality=other, organisation=organisation)
    with django_assert_max_num_queries(2):
        result = towns_like(town)
    assert len(result.towns) == 8 and all(len(measures) == 2 for _, measures in result.towns)
