import pytest
from django.urls import reverse

from handschlag.audit.services import record
from handschlag.core.models import StateChange
from handschlag.promises.models import Promise, Redemption
from tests import factories
from tests.blog.page_structure import assert_well_formed_page
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_moderation_pages_have_ordered_headings_and_labelled_fields(moderator):
    promise = factories.PromiseFactory(state=Promise.State.PENDING)
    report = factories.RedemptionFactory(state=Redemption.State.CONFIRMED, report_consent=True)
    factories.ReportPhotoFactory(redemption=report)
    dispute = factories.RedemptionFactory(state=Redemption.State.DISPUTED)
    StateChange.objects.create(target=dispute, from_state="reported", to_state="disputed")
    abuse = factories.AbuseReportFactory()
    post_abuse = factories.AbuseReportFactory(target=factories.PostFactory())
    factories.OrganisationFactory(is_verified=False)
    record(actor=moderator, verb="promises.publish_promise", target=promise)
    client = client_for(moderator)
    urls = [
        *(
            f"{reverse('moderation:dashboard')}?queue={q}"
            for q in ["promises", "reports", "disputes", "abuse", "organisations"]
        ),
        reverse("promises:review", args=[promise.pk]),
        reverse("blog:review_report", args=[report.pk]),
        reverse("promises:review_dispute", args=[dispute.pk]),
        reverse("moderation:abuse", args=[abuse.pk]),
        reverse("moderation:abuse", args=[post_abuse.pk]),
        reverse("moderation:log"),
        reverse("moderation:report_abuse", args=["promise", factories.PromiseFactory().pk]),
    ]
    for url in urls:
        assert_well_formed_page(client.get(url).content.decode())
    # with errors shown
    for url, data in [
        (reverse("promises:review_dispute", args=[dispute.pk]), {}),
        (reverse("promises:review", args=[promise.pk]), {"decision": "return"}),
    ]:
        assert_well_formed_page(client.post(url, data).content.decode())
