import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handschlag.moderation.models import ModerationAction
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
        reverse("moderation:promise", args=[promise.pk]),
        reverse("moderation:report", args=[report.pk]),
        reverse("moderation:dispute", args=[dispute.pk]),
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


@pytest.mark.parametrize("name", ["promise", "report", "dispute", "abuse"])
def test_unknown_ids_are_404(moderator, name):
    assert (
        client_for(moderator).get(reverse(f"moderation:{name}", args=[999_999])).status_code == 404
    )


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
    assert "Bitte prüfen" in html and reverse("moderation:promise", args=[promise.pk]) in html
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


def test_log_lists_actions_newest_first_and_filters(moderator):
    other = factories.ModeratorFactory(first_name="Olga", last_name="Ost")
    promise = factories.PromiseFactory(title="Erstes")
    ModerationAction.objects.create(
        moderator=moderator,
        action="publish_promise",
        content_type_id=_ct(promise),
        object_id=promise.pk,
        target_label="Erstes",
    )
    ModerationAction.objects.create(
        moderator=other,
        action="return_promise",
        content_type_id=_ct(promise),
        object_id=promise.pk,
        target_label="Zweites",
    )
    client = client_for(moderator)
    html = client.get(reverse("moderation:log")).content.decode()
    assert html.index("Zweites") < html.index("Erstes")
    html = client.get(reverse("moderation:log"), {"action": "publish_promise"}).content.decode()
    assert "Erstes" in html and "Zweites" not in html
    html = client.get(reverse("moderation:log"), {"moderator": other.pk}).content.decode()
    assert "Zweites" in html and "Erstes" not in html and "Olga O." in html
    # Bad filters are ignored with a message, never a 500.
    response = client.get(
        reverse("moderation:log"), {"moderator": "abc", "action": "x", "page": "-1"}
    )
    assert response.status_code == 200


def test_log_query_count_is_constant(moderator):
    client = client_for(moderator)
    promise = factories.PromiseFactory()
    ModerationAction.objects.create(
        moderator=moderator,
        action="publish_promise",
        content_type_id=_ct(promise),
        object_id=promise.pk,
        target_label="x",
    )
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("moderation:log"))
    for _ in range(5):
        ModerationAction.objects.create(
            moderator=factories.ModeratorFactory(),
            action="return_promise",
            content_type_id=_ct(promise),
            object_id=promise.pk,
            target_label="y",
        )
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("moderation:log"))
    assert len(many) == len(one)


def _ct(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk
