"""Pages of needs: who may see and do what (the access matrix, database state asserted after
each refusal), the one-click application, the answer, the list's filters and its queries."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from handschlag.needs.models import Need, Proposal
from handschlag.organisations.models import Membership
from handschlag.promises.models import Promise, Redemption
from tests import factories
from tests.blog.page_structure import assert_well_formed_page
from tests.conftest import client_for

from .factories import NeedFactory, ProposalFactory, member_of, town

pytestmark = pytest.mark.django_db


def roles(need):
    """Everyone who could look at a need, by role."""
    return {
        "anonymous": None,
        "stranger": factories.UserFactory(),
        "member": member_of(need.organisation),
        "former_member": _former(need),
        "moderator": factories.ModeratorFactory(),
    }


def _former(need):
    user = member_of(need.organisation)
    Membership.objects.filter(user=user).delete()
    return user


def client_as(user):
    return Client() if user is None else client_for(user)


# --- seeing ----------------------------------------------------------------------------------

SEES_DRAFT = {
    "anonymous": 404,
    "stranger": 404,
    "member": 200,
    "former_member": 404,
    "moderator": 200,
}


@pytest.mark.parametrize("role", list(SEES_DRAFT))
def test_a_draft_is_seen_by_members_and_moderators_only(stralsund, role):
    need = NeedFactory(state=Need.State.DRAFT, municipality=stralsund)
    user = roles(need)[role]
    response = client_as(user).get(need.get_absolute_url())
    assert response.status_code == SEES_DRAFT[role]


@pytest.mark.parametrize("role", list(SEES_DRAFT))
def test_a_published_need_is_public_and_its_proposals_are_the_members(need, promise_near, role):
    ProposalFactory(need=need, promise=promise_near)
    user = roles(need)[role]
    response = client_as(user).get(need.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert need.title in html
    shows_proposals = role == "member"
    assert (promise_near.title in html) == shows_proposals
    assert ("Ich kann das versprechen" in html) == (
        role in ("stranger", "former_member", "moderator")
    )
    assert_well_formed_page(html)


# --- create and edit -------------------------------------------------------------------------


def test_a_member_posts_a_need_and_submits_it(stralsund):
    organisation = factories.OrganisationFactory()
    user = member_of(organisation)
    client = client_for(user)
    assert client.get(reverse("needs:create")).status_code == 200
    response = client.post(
        reverse("needs:create"),
        {
            "organisation": organisation.pk,
            "title": "5 Laptops für ein Bewerbungstraining",
            "description": "Wir üben Bewerbungen.",
            "category": "equipment",
            "quantity": 5,
            "unit": "Laptops",
            "municipality": "Stralsund",
            "needed_by": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
            "action": "submit",
        },
    )
    need = Need.objects.get()
    assert response.status_code == 302 and response["Location"] == need.get_absolute_url()
    assert need.state == Need.State.PENDING and need.municipality == stralsund


def test_bad_input_comes_back_with_field_errors(stralsund):
    organisation = factories.OrganisationFactory()
    client = client_for(member_of(organisation))
    response = client.post(
        reverse("needs:create"),
        {"organisation": organisation.pk, "title": "", "quantity": "0", "municipality": "Atlantis",
         "needed_by": "2000-01-01", "category": "x"},
    )  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert "Diesen Ort kennen wir nicht." in html
    assert "Das Datum darf nicht in der Vergangenheit liegen." in html
    assert not Need.objects.exists()


def test_someone_without_organisation_is_told_how_to_begin():
    response = client_for(factories.UserFactory()).get(reverse("needs:create"))
    assert "Legen Sie zuerst Ihre Organisation an" in response.content.decode()


def test_posting_for_someone_else_s_organisation_is_refused(stralsund):
    other = factories.OrganisationFactory()
    client = client_for(member_of(factories.OrganisationFactory()))
    response = client.post(reverse("needs:create"), {"organisation": other.pk, "title": "x"})
    assert response.status_code == 200  # the organisation is not a valid choice
    assert not Need.objects.exists()


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("stranger", 404),
                                              ("former_member", 404), ("member", 200)])  # fmt: skip
def test_only_members_edit_a_draft(stralsund, role, status):
    need = NeedFactory(state=Need.State.DRAFT, municipality=stralsund, title="Alt")
    user = roles(need)[role]
    client = client_as(user)
    assert client.get(reverse("needs:edit", args=[need.pk])).status_code == status
    client.post(reverse("needs:edit", args=[need.pk]), {"title": "Neu"})
    need.refresh_from_db()
    assert need.title == "Alt"


@pytest.mark.parametrize("role", ["anonymous", "stranger", "former_member", "moderator"])
def test_outsiders_cannot_withdraw_close_or_search(need, role):
    user = roles(need)[role]
    client = client_as(user)
    for name in ("withdraw", "close", "find"):
        response = client.post(reverse(f"needs:{name}", args=[need.pk]), {"fulfilled": "1"})
        assert response.status_code in (302, 403)
        if user is not None:
            assert response.status_code == 403
    need.refresh_from_db()
    assert need.state == Need.State.PUBLISHED and not Proposal.objects.exists()


def test_a_member_closes_the_need_as_fulfilled(need, member):
    client_for(member).post(reverse("needs:close", args=[need.pk]), {"fulfilled": "1"})
    need.refresh_from_db()
    assert need.state == Need.State.FULFILLED


# --- proposals -------------------------------------------------------------------------------


def test_the_find_button_proposes_a_promise_with_its_reasons(need, member, promise_near):
    client = client_for(member)
    response = client.post(reverse("needs:find", args=[need.pk]), follow=True)
    html = response.content.decode()
    assert "Wir haben 1 passendes Versprechen gefunden." in html
    assert promise_near.title in html and "gleiche Kategorie" in html
    assert Proposal.objects.get(need=need).promise == promise_near


def test_one_click_lands_on_the_application(need, member, promise_near):
    proposal = ProposalFactory(need=need, promise=promise_near)
    response = client_for(member).post(reverse("needs:proposal_apply", args=[proposal.pk]))
    redemption = Redemption.objects.get()
    assert response["Location"] == redemption.get_absolute_url()
    assert redemption.organisation == need.organisation


def test_one_click_on_a_full_promise_says_why(need, member, stralsund):
    full = factories.PromiseFactory(municipality=stralsund, remaining_capacity=0)
    proposal = ProposalFactory(need=need, promise=full)
    response = client_for(member).post(
        reverse("needs:proposal_apply", args=[proposal.pk]), follow=True
    )
    assert "nicht (mehr) offen" in response.content.decode()
    assert not Redemption.objects.exists()
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.PROPOSED


@pytest.mark.parametrize("role", ["stranger", "former_member", "moderator"])
def test_outsiders_cannot_apply_or_decline_for_the_need(need, promise_near, role):
    proposal = ProposalFactory(need=need, promise=promise_near)
    client = client_as(roles(need)[role])
    assert client.post(reverse("needs:proposal_apply", args=[proposal.pk])).status_code == 403
    assert client.post(reverse("needs:proposal_decline", args=[proposal.pk])).status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.PROPOSED and not Redemption.objects.exists()


def test_the_promiser_sees_and_declines_the_proposal_on_the_promise_page(need, promise_near):
    proposal = ProposalFactory(need=need, promise=promise_near, reasons={"category": True, "km": 3})
    client = client_for(promise_near.owner)
    html = client.get(promise_near.get_absolute_url()).content.decode()
    assert "Passende Bedarfe" in html and need.title in html and "3 km entfernt" in html
    response = client.post(
        reverse("needs:proposal_decline", args=[proposal.pk]),
        {"next": promise_near.get_absolute_url()},
    )
    assert response["Location"] == promise_near.get_absolute_url()
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.DECLINED_BY_PROMISER
    assert "Passende Bedarfe" not in client.get(promise_near.get_absolute_url()).content.decode()


def test_the_decline_goes_back_only_to_a_local_page(need, member, promise_near):
    proposal = ProposalFactory(need=need, promise=promise_near)
    response = client_for(member).post(
        reverse("needs:proposal_decline", args=[proposal.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == need.get_absolute_url()


def test_ich_kann_das_versprechen_opens_the_prefilled_promise(need):
    helper = factories.UserFactory()
    response = client_for(helper).post(reverse("needs:answer", args=[need.pk]), {})
    promise = Promise.objects.get()
    assert response["Location"] == reverse("promises:edit", args=[promise.pk])
    assert promise.owner == helper and promise.title == need.title
    form = client_for(helper).get(response["Location"]).content.decode()
    assert need.title in form


def test_members_get_no_answer_button_and_cannot_post_it(need, member):
    response = client_for(member).post(reverse("needs:answer", args=[need.pk]), {})
    assert response.status_code == 403
    assert not Promise.objects.exists()


# --- moderation ------------------------------------------------------------------------------


def test_a_moderator_publishes_from_the_review_page(stralsund, moderator):
    need = NeedFactory(state=Need.State.PENDING, municipality=stralsund)
    client = client_for(moderator)
    queue = client.get(reverse("moderation:dashboard") + "?queue=needs").content.decode()
    assert need.title in queue
    assert client.get(reverse("needs:review", args=[need.pk])).status_code == 200
    client.post(
        reverse("needs:review", args=[need.pk]), {"decision": "approve", "approve-comment": ""}
    )
    need.refresh_from_db()
    assert need.state == Need.State.PUBLISHED


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("stranger", 403), ("member", 403)]
)
def test_only_moderators_review(stralsund, role, status):
    need = NeedFactory(state=Need.State.PENDING, municipality=stralsund)
    client = client_as(roles(need)[role])
    response = client.post(reverse("needs:review", args=[need.pk]), {"decision": "approve"})
    assert response.status_code == status
    need.refresh_from_db()
    assert need.state == Need.State.PENDING


# --- list, mine ------------------------------------------------------------------------------


def test_the_list_filters_by_place_and_category(stralsund):
    here = NeedFactory(municipality=stralsund, title="Laptops hier")
    NeedFactory(municipality=town("Weit", km_north=200), title="Laptops weit")
    NeedFactory(municipality=stralsund, title="Ein Raum", category="space")
    NeedFactory(municipality=stralsund, title="Noch ein Entwurf", state=Need.State.DRAFT)
    html = (
        Client()
        .get(reverse("needs:list"), {"place": "Stralsund", "category": "equipment"})
        .content.decode()
    )
    assert here.title in html
    assert "Laptops weit" not in html and "Ein Raum" not in html and "Entwurf" not in html
    assert_well_formed_page(html)


def test_an_unknown_place_is_said_in_the_list():
    html = Client().get(reverse("needs:list"), {"place": "Atlantis"}).content.decode()
    assert "Diesen Ort kennen wir nicht." in html


def test_the_list_runs_a_constant_number_of_queries(stralsund):
    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert Client().get(reverse("needs:list"), {"place": "stralsund"}).status_code == 200
        return len(queries)

    NeedFactory.create_batch(2, municipality=stralsund)
    few = count()
    NeedFactory.create_batch(15, municipality=stralsund)
    assert count() == few


def test_my_needs_shows_open_proposals(need, member, promise_near):
    ProposalFactory(need=need, promise=promise_near)
    html = client_for(member).get(reverse("needs:mine")).content.decode()
    assert need.title in html and "1 passendes Versprechen wartet auf Sie" in html
    assert_well_formed_page(html)


def test_the_organisation_page_shows_its_published_needs(need, stralsund):
    draft = NeedFactory(organisation=need.organisation, municipality=stralsund, title="Entwurf X")
    Need.objects.filter(pk=draft.pk).update(state=Need.State.DRAFT)
    html = Client().get(need.organisation.get_absolute_url()).content.decode()
    assert need.title in html and "Entwurf X" not in html


def test_needs_in_a_town_for_its_municipality_page(need, stralsund):
    from handschlag.needs.selectors import needs_in

    NeedFactory(municipality=town("Anderswo", km_north=3))
    NeedFactory(municipality=stralsund, state=Need.State.DRAFT)
    assert list(needs_in(stralsund)) == [need]


def test_adapting_the_application_starts_from_the_need_and_keeps_the_proposal(
    need, member, promise_near
):
    proposal = ProposalFactory(need=need, promise=promise_near)
    url = reverse("needs:proposal_apply", args=[proposal.pk])
    client = client_for(member)
    detail = client.get(need.get_absolute_url()).content.decode()
    assert f'href="{url}"' in detail
    form = client.get(url).content.decode()
    assert need.description in form and 'value="5"' in form  # the need's 5 laptops
    response = client.post(url, {"plan": "Wir üben jeden Dienstag.", "quantity": "3"})
    redemption = Redemption.objects.get()
    assert response["Location"] == redemption.get_absolute_url()
    assert (redemption.plan, redemption.quantity) == ("Wir üben jeden Dienstag.", 3)
    assert redemption.organisation == need.organisation
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.APPLIED and proposal.redemption == redemption


def test_an_adapted_application_beyond_what_is_left_is_refused_in_the_form(
    need, member, promise_near
):
    proposal = ProposalFactory(need=need, promise=promise_near)
    url = reverse("needs:proposal_apply", args=[proposal.pk])
    response = client_for(member).post(url, {"plan": "Plan", "quantity": "11"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not Redemption.objects.exists()
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.PROPOSED


def test_outsiders_cannot_open_the_adapted_application(need, promise_near):
    proposal = ProposalFactory(need=need, promise=promise_near)
    url = reverse("needs:proposal_apply", args=[proposal.pk])
    assert client_as(roles(need)["stranger"]).get(url).status_code == 403
    response = client_as(roles(need)["stranger"]).post(url, {"plan": "x", "quantity": "1"})
    assert response.status_code == 403 and not Redemption.objects.exists()
