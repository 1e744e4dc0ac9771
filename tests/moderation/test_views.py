import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handschlag.audit.models import AuditEntry
from handschlag.audit.services import record
from handschlag.moderation.registry import ordered_queues
from handschlag.promises.models import Promise, Redemption
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def person(role):
    if role == "user":
        return factories.UserFactory()
    if role == "org_member":
        return factories.MembershipFactory().user
    if role == "org_admin":
        return factories.MembershipFactory(role="admin").user
    if role == "promiser":
        return factories.PromiseFactory(state=Promise.State.PENDING).owner
    return factories.ModeratorFactory()


@pytest.fixture
def moderation_urls():
    promise = factories.PromiseFactory(state=Promise.State.PENDING)
    report = factories.RedemptionFactory(state=Redemption.State.CONFIRMED, report_consent=True)
    dispute = factories.RedemptionFactory(state=Redemption.State.DISPUTED)
    abuse = factories.AbuseReportFactory()
    return [
        reverse("moderation:dashboard"),
        reverse("promises:review", args=[promise.pk]),
        reverse("blog:review_report", args=[report.pk]),
        reverse("promises:review_dispute", args=[dispute.pk]),
        reverse("moderation:abuse", args=[abuse.pk]),
        reverse("moderation:log"),
    ]


def test_anonymous_visitors_are_sent_to_login(client, moderation_urls):
    for url in moderation_urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/konto/login/" in response["Location"]


@pytest.mark.parametrize("role", ["user", "org_member", "org_admin", "promiser"])
def test_everyone_but_moderators_gets_403(role, moderation_urls):
    client = client_for(person(role))
    for url in moderation_urls:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"decision": "approve"}).status_code == 403, url


def test_moderators_see_every_page(moderation_urls):
    client = client_for(factories.ModeratorFactory())
    for url in moderation_urls:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "name",
    ["promises:review", "blog:review_report", "promises:review_dispute", "moderation:abuse"],
)
def test_unknown_ids_are_404(moderator, name):
    assert client_for(moderator).get(reverse(name, args=[999_999])).status_code == 404


@pytest.mark.parametrize(
    "queue", ["", "promises", "reports", "disputes", "abuse", "organisations", "<x>"]
)
def test_dashboard_tabs_and_bad_queue_names(moderator, queue):
    response = client_for(moderator).get(
        reverse("moderation:dashboard"), {"queue": queue, "page": "z"}
    )
    assert response.status_code == 200


def test_dashboard_lists_the_queues_with_counts(moderator):
    promise = factories.PromiseFactory(state=Promise.State.PENDING, title="Bitte prüfen")
    org = factories.OrganisationFactory(is_verified=False, name="Neue Initiative")
    client = client_for(moderator)
    html = client.get(reverse("moderation:dashboard")).content.decode()
    assert "Bitte prüfen" in html and reverse("promises:review", args=[promise.pk]) in html
    html = client.get(reverse("moderation:dashboard"), {"queue": "organisations"}).content.decode()
    assert "Neue Initiative" in html and org.get_absolute_url() in html


def make_queue_items(n):
    for _ in range(n):
        factories.PromiseFactory(
            state=Promise.State.PENDING, organisation=factories.OrganisationFactory()
        )
        factories.RedemptionFactory(state=Redemption.State.CONFIRMED, report_consent=True)
        factories.RedemptionFactory(state=Redemption.State.DISPUTED)
        factories.AbuseReportFactory()
        factories.AbuseReportFactory(target=factories.PostFactory())


QUEUE_NAMES = ["promises", "reports", "disputes", "abuse", "organisations"]


def queue_query_counts(client):
    counts = {}
    for queue in QUEUE_NAMES:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("moderation:dashboard"), {"queue": queue}).status_code == 200
        counts[queue] = len(queries)
    return counts


def test_queue_query_counts_do_not_grow(moderator):
    client = client_for(moderator)
    make_queue_items(1)
    few = queue_query_counts(client)
    make_queue_items(4)
    assert queue_query_counts(client) == few


def test_dashboard_shows_one_tab_per_registered_queue_in_position_order(moderator):
    factories.PromiseFactory(state=Promise.State.PENDING)
    factories.AbuseReportFactory.create_batch(2)
    html = client_for(moderator).get(reverse("moderation:dashboard")).content.decode()
    nav = html[html.index('<nav class="tabs"') : html.index("</nav>", html.index('class="tabs"'))]
    queues = ordered_queues()
    links = [f'href="?queue={q.key}"' for q in queues]
    positions = [nav.find(link) for link in links]
    assert -1 not in positions and positions == sorted(positions)
    assert nav.count('href="?queue=') == len(queues)
    for queue in queues:
        assert str(queue.label) in nav
    # the default tab is still the promise queue, with its count
    assert 'href="?queue=promises" aria-current="page"' in nav
    assert "Organisationen zu prüfen" in nav
    abuse_tab = nav[nav.index('href="?queue=abuse"') :]
    assert '<span class="badge badge-warn">2</span>' in abuse_tab.split("</li>")[0]


def test_organisations_queue_lists_those_that_asked_for_powers(moderator):
    factories.OrganisationFactory(is_verified=True, name="Schon geprüft")
    factories.OrganisationFactory(
        is_verified=True, name="Will Gemeinde sein", requested_kind="municipality"
    )
    html = (
        client_for(moderator)
        .get(reverse("moderation:dashboard"), {"queue": "organisations"})
        .content.decode()
    )
    assert "Will Gemeinde sein" in html and "Schon geprüft" not in html


def _log_html(client, **params):
    return client.get(reverse("moderation:log"), params).content.decode()


def test_log_lists_actions_newest_first_and_filters(moderator):
    other = factories.ModeratorFactory(first_name="Olga", last_name="Ost")
    first = factories.PromiseFactory(title="Erstes")
    second = factories.PromiseFactory(title="Zweites")
    record(actor=moderator, verb="promises.publish_promise", target=first)
    record(actor=other, verb="promises.return_promise", target=second, comment="Bitte genauer")
    client = client_for(moderator)
    html = _log_html(client)
    assert html.index("Zweites") < html.index("Erstes")
    assert "Versprechen zurückgegeben" in html and "Bitte genauer" in html
    html = _log_html(client, action="promises.publish_promise")
    assert "Erstes" in html and "Zweites" not in html
    html = _log_html(client, moderator=other.pk)
    assert "Zweites" in html and "Erstes" not in html and "Olga O." in html
    html = _log_html(client, action="promises.return_promise", moderator=moderator.pk)
    assert "Zweites" not in html and "Erstes" not in html and "Keine Einträge." in html
    # Bad filters are ignored, never a 500.
    response = client.get(
        reverse("moderation:log"), {"moderator": "abc", "action": "x", "page": "-1"}
    )
    assert response.status_code == 200


def test_log_lists_only_moderation_verbs(moderator):
    org_admin = factories.MembershipFactory(role="admin")
    organisation = org_admin.organisation
    record(actor=org_admin.user, verb="organisations.invite", target=organisation)
    record(actor=org_admin.user, verb="organisations.remove_member", target=organisation)
    promise = factories.PromiseFactory(title="Nachgemacht")
    record(actor=factories.UserFactory(), verb="promises.copy_promise", target=promise)
    record(actor=moderator, verb="organisations.verify", target=organisation)
    report = factories.AbuseReportFactory()
    record(actor=moderator, verb="moderation.dismiss_abuse", target=report, comment="Unbegründet")
    assert AuditEntry.objects.count() == 5
    client = client_for(moderator)
    html = _log_html(client)
    assert "Organisation verifiziert" in html and "Meldung verworfen" in html
    assert "Unbegründet" in html
    for label in ("Person eingeladen", "Mitglied entfernt", "Versprechen nachgemacht"):
        assert label not in html
    assert "Nachgemacht" not in html
    # a non-moderation verb is not on offer as a filter, and asking for it shows no entry of it
    assert 'value="organisations.invite"' not in html
    assert 'value="organisations.verify"' in html
    html = _log_html(client, action="organisations.invite")
    assert "Person eingeladen" not in html
    # filtering by the org admin (not a moderator) finds nothing of theirs
    html = _log_html(client, moderator=org_admin.user.pk)
    assert "Person eingeladen" not in html and "Mitglied entfernt" not in html


def test_moderation_log_selector_filters_by_verb_and_moderator(moderator):
    from handschlag.moderation.selectors import moderation_log

    other = factories.ModeratorFactory()
    promise = factories.PromiseFactory()
    published = record(actor=moderator, verb="promises.publish_promise", target=promise)
    returned = record(actor=other, verb="promises.return_promise", target=promise)
    invited = record(actor=moderator, verb="organisations.invite", target=promise)
    assert list(moderation_log()) == [returned, published]
    assert invited not in moderation_log(verb="organisations.invite")
    assert list(moderation_log(verb="promises.publish_promise")) == [published]
    assert list(moderation_log(moderator=other)) == [returned]
    assert list(moderation_log(verb="promises.publish_promise", moderator=other)) == []


def test_log_query_count_is_constant(moderator):
    client = client_for(moderator)
    promise = factories.PromiseFactory()
    record(actor=moderator, verb="promises.publish_promise", target=promise)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("moderation:log"))
    for _ in range(5):
        record(
            actor=factories.ModeratorFactory(),
            verb="promises.return_promise",
            target=factories.PostFactory(),
        )
        record(
            actor=moderator, verb="moderation.resolve_abuse", target=factories.AbuseReportFactory()
        )
    with CaptureQueriesContext(connection) as many:
        html = client.get(reverse("moderation:log")).content.decode()
    assert len(many) == len(one)
    assert html.count("<tr>") == 1 + 11
