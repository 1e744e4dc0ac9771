"""The action plan's pages: what they show to whom, the filters (bad input never a 500), the
adopt page's prefilling (title in the reader's language, area from the measure's topic or the
recommending indicator), refusals shown as field errors, the milestone fragment for htmx, and
the measures library's action."""

import datetime
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from handschlag.assessment import plans_actions
from handschlag.assessment.models import ActionPlan, Milestone, PlanItem
from handschlag.assessment.plans_selectors import organisation_section
from handschlag.measures.models import Adoption
from handschlag.measures.registry import measure_actions
from tests.events.factories import EventFactory

from .plan_helpers import make_item, measure_for, snapshot

S = PlanItem.State
TODAY = timezone.localdate()


def _get(client, user, url, **headers):
    client.force_login(user)
    return client.get(url, **headers)


def test_the_plan_page_shows_items_by_area_with_their_roll_up(client, world):
    make_item(
        world.plan, title="Leitbild", area=world.first_area, owner=world.colleague,
        partners="Migrantenbeirat", state=S.IN_PROGRESS, progress=40,
        due_date=TODAY + datetime.timedelta(days=10),
    )  # fmt: skip
    done = make_item(world.plan, title="Sprachcafé", area=world.second_area, state=S.DONE)
    Milestone.objects.create(item=done, title="Raum", done_on=TODAY)
    Milestone.objects.create(item=done, title="Flyer")
    html = _get(client, world.member, world.plan.get_absolute_url()).content.decode()
    for text in (
        "Leitbild", "Sprachcafé", "Steuerung", "Begegnung", world.colleague.get_full_name(),
        "Migrantenbeirat", "1 von 2 erreicht", 'value="40"', "40 %", "100 %",
        "1 von 2 Vorhaben erledigt", "Ganzer Plan",
    ):  # fmt: skip
        assert text in html, text
    assert "70 %" in html  # (40 + 100) / 2
    assert reverse("assessment:plan_item_add", args=[world.municipality.slug]) not in html


def test_the_coordinator_sees_how_to_begin_before_there_is_a_plan(client, world):
    world.plan.delete()
    response = _get(client, world.admin, reverse("assessment:plan", args=[world.municipality.slug]))
    html = response.content.decode()
    assert response.status_code == 200 and "Noch keine Vorhaben" in html
    assert reverse("assessment:plan_item_add", args=[world.municipality.slug]) in html
    assert not ActionPlan.objects.exists()  # looking creates nothing


def test_a_member_sees_the_empty_plan_without_a_way_to_add(client, world):
    html = _get(client, world.member, world.plan.get_absolute_url()).content.decode()
    assert "Noch keine Vorhaben" in html and "Vorhaben hinzufügen" not in html


@pytest.mark.parametrize(
    "query", ["?stand=quatsch", "?verantwortlich=abc", "?verantwortlich=999999&ueberfaellig=ja"]
)
def test_bad_filters_are_errors_not_500(client, world, query):
    make_item(world.plan, title="Leitbild")
    response = _get(client, world.member, world.plan.get_absolute_url() + query)
    assert response.status_code == 200


def test_filters_and_the_htmx_fragment(client, world):
    make_item(world.plan, title="Erledigtes", state=S.DONE, progress=100)
    make_item(world.plan, title="Offenes")
    url = world.plan.get_absolute_url() + "?stand=done"
    html = _get(client, world.member, url).content.decode()
    assert "Erledigtes" in html and "Offenes" not in html
    assert "1 von 2 Vorhaben passen zu den Filtern" in html
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and 'id="items"' in fragment and "Erledigtes" in fragment


# --- adding and adopting ------------------------------------------------------------------


def test_an_owner_outside_the_organisation_is_refused_with_a_clear_message(client, world):
    url = reverse("assessment:plan_item_add", args=[world.municipality.slug])
    before = snapshot()
    response = _get(client, world.admin, url)
    assert world.partner.get_full_name() not in response.content.decode()
    response = client.post(url, {"title": "X", "owner": world.partner.pk})
    assert response.status_code == 200
    assert "Verantwortlich kann nur sein, wer Mitglied Ihrer Organisation ist" in (
        response.content.decode()
    )
    assert snapshot() == before


def test_a_due_date_in_the_past_is_refused(client, world):
    url = reverse("assessment:plan_item_add", args=[world.municipality.slug])
    client.force_login(world.admin)
    yesterday = (TODAY - datetime.timedelta(days=1)).isoformat()
    response = client.post(url, {"title": "X", "due_date": yesterday})
    assert "Vergangenheit" in response.content.decode() and not PlanItem.objects.exists()


def _adopt_url(world, measure, query=""):
    return reverse("assessment:adopt", args=[world.municipality.slug, measure.slug]) + query


def test_the_adopt_page_prefills_title_and_area_from_the_measure(client, world):
    measure = measure_for("a2", title={"de": "Sprachcafé", "en": "Language café"})
    response = _get(client, world.admin, _adopt_url(world, measure))
    form = response.context["form"]
    assert form.initial["title"] == "Sprachcafé" and form.initial["area"] == world.second_area.pk
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get(_adopt_url(world, measure)).context["form"].initial["title"] == (
        "Language café"
    )


def test_the_recommending_indicator_chooses_the_area(client, world):
    measure = measure_for("a2")
    indicator = world.first_area.indicators.first()
    url = _adopt_url(world, measure, f"?indikator={indicator.pk}")
    response = _get(client, world.admin, url)
    assert response.context["form"].initial["area"] == world.first_area.pk
    response = client.post(
        url, {"title": "Sprachcafé", "area": world.first_area.pk, "owner": world.colleague.pk}
    )
    item = PlanItem.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{item.pk}/")
    assert (item.measure, item.indicator, item.area) == (measure, indicator, world.first_area)
    assert Adoption.objects.get().municipality == world.municipality


def test_an_indicator_of_another_town_is_ignored(client, world):
    measure = measure_for("a2")
    foreign = world.other_assessment.framework.areas.first().indicators.first()
    url = _adopt_url(world, measure, f"?indikator={foreign.pk}")
    assert _get(client, world.admin, url).context["indicator"] is None


def test_the_adopt_page_says_when_the_measure_is_in_the_plan_already(client, world):
    measure = measure_for()
    make_item(world.plan, title="Schon da", measure=measure)
    html = _get(client, world.admin, _adopt_url(world, measure)).content.decode()
    assert "steht schon in Ihrem Handlungsplan" in html and "Schon da" in html


# --- one item ---------------------------------------------------------------------------


def test_ticking_a_milestone_with_htmx_returns_the_milestones(client, world):
    item = make_item(world.plan, owner=world.colleague)
    milestone = Milestone.objects.create(item=item, title="Ratsbeschluss")
    client.force_login(world.colleague)
    url = reverse(
        "assessment:milestone_tick", args=[world.municipality.slug, item.pk, milestone.pk]
    )
    fragment = client.post(url, {"done": "1"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and "erreicht am" in fragment
    assert "Doch nicht erreicht" in fragment
    milestone.refresh_from_db()
    assert milestone.done_on == TODAY


def test_a_milestone_without_title_comes_back_with_its_error(client, world):
    item = make_item(world.plan, owner=world.colleague)
    client.force_login(world.colleague)
    url = reverse("assessment:milestone_add", args=[world.municipality.slug, item.pk])
    response = client.post(url, {"title": ""})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not Milestone.objects.exists()


def test_dropping_asks_first_and_says_the_consequence(client, world):
    item = make_item(world.plan, owner=world.colleague)
    url = reverse("assessment:plan_item_move", args=[world.municipality.slug, item.pk, "dropped"])
    html = _get(client, world.colleague, url).content.decode()
    assert "verwerfen?" in html and "zählt nicht mehr zum Fortschritt" in html
    item.refresh_from_db()
    assert item.state == S.PLANNED


def test_the_item_page_shows_links_history_and_actions(client, world):
    item = make_item(world.plan, owner=world.colleague, state=S.IN_PROGRESS, progress=20)
    event = EventFactory(organisation=world.organisation, title="Workshop Leitbild")
    item.events.add(event)
    html = _get(
        client,
        world.colleague,
        reverse("assessment:plan_item", args=[world.municipality.slug, item.pk]),
    ).content.decode()
    assert "Workshop Leitbild" in html and event.get_absolute_url() in html
    assert "Als erledigt markieren" in html and "Verwerfen …" in html
    assert "Veranstaltungen und Versprechen verknüpfen" not in html  # the coordinator's
    member_html = _get(
        client,
        world.member,
        reverse("assessment:plan_item", args=[world.municipality.slug, item.pk]),
    ).content.decode()
    assert "Workshop Leitbild" in member_html and "Als erledigt markieren" not in member_html


def test_the_links_page_offers_the_organisations_events_only(client, world):
    item = make_item(world.plan)
    ours = EventFactory(organisation=world.organisation, title="Unser Workshop")
    EventFactory(title="Fremder Workshop")
    url = reverse("assessment:plan_item_links", args=[world.municipality.slug, item.pk])
    html = _get(client, world.admin, url).content.decode()
    assert "Unser Workshop" in html and "Fremder Workshop" not in html
    client.post(url, {"events": [ours.pk]})
    assert list(item.events.all()) == [ours]


# --- the library's action and the organisation page -------------------------------------------


def test_the_library_offers_adopting_to_the_towns_admins_only(world):
    measure = measure_for()
    rf = RequestFactory()

    def url_for(user):
        request = rf.get("/")
        request.user = user
        return plans_actions.adopt_url(request, measure)

    assert url_for(world.admin) == _adopt_url(world, measure)
    from django.contrib.auth.models import AnonymousUser

    for user in (world.colleague, world.member, world.partner, world.moderator, AnonymousUser()):
        assert url_for(user) is None


def test_the_organisation_page_shows_the_plan_to_its_members(world):
    make_item(world.plan, state=S.DONE, progress=100)
    make_item(world.plan, due_date=TODAY - datetime.timedelta(days=2))
    section = organisation_section(world.organisation, world.member)
    assert section is not None and section["rollup"].percent == 50 and section["overdue"] == 1
    assert section["url"] == world.plan.get_absolute_url()
    for user in (world.partner, world.other_admin, world.moderator):
        assert organisation_section(world.organisation, user) is None
    stranger_org = SimpleNamespace(municipality_id=None)
    assert organisation_section(stranger_org, world.admin) is None


def test_the_organisation_page_carries_the_plan_section(client, world):
    make_item(world.plan, state=S.DONE, progress=100)
    html = _get(client, world.member, world.organisation.get_absolute_url()).content.decode()
    assert 'id="section-action_plan"' in html and world.plan.get_absolute_url() in html
    html = _get(client, world.partner, world.organisation.get_absolute_url()).content.decode()
    assert 'id="section-action_plan"' not in html


def test_the_history_says_what_changed(client, world):
    from handschlag.assessment import plans

    item = make_item(world.plan, owner=world.colleague)
    plans.update_item(item=item, by=world.colleague, progress=35)
    plans.move_item(item=item, by=world.colleague, to=S.PAUSED, comment="Sommerpause")
    plans.add_milestone(item=item, by=world.admin, title="Ratsbeschluss")
    url = reverse("assessment:plan_item", args=[world.municipality.slug, item.pk])
    html = _get(client, world.member, url).content.decode()
    for text in (
        "Fortschritt 0 → 35 %", "in Arbeit → pausiert", "„Sommerpause“", "„Ratsbeschluss“",
    ):  # fmt: skip
        assert text in html, text


def test_reaching_100_percent_suggests_marking_done(client, world):
    item = make_item(world.plan, owner=world.colleague, state=S.IN_PROGRESS, progress=80)
    client.force_login(world.colleague)
    url = reverse("assessment:plan_item_edit", args=[world.municipality.slug, item.pk])
    response = client.post(url, {"progress": "100", "description": ""}, follow=True)
    assert "Dann markieren Sie das Vorhaben als erledigt" in response.content.decode()
    item.refresh_from_db()
    assert (item.progress, item.state) == (100, S.IN_PROGRESS)


def test_the_library_offers_adopting_into_the_plan(world):
    action = measure_actions.get("assessment.adopt")
    assert action is not None and action.url is plans_actions.adopt_url
