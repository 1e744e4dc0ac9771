"""Issue #7 F10 and F8: report photos go through a permission check, bad paths are a 404.

Before, every file under /media/ was public by URL, also the photos of reports never consented
to or published, and `/media/` + 300 × "A" answered 500 ("File name too long"). Now a photo is
public once its report is published; before that only the parties and moderators see it.
"""

import pytest
from django.core.files.storage import default_storage
from django.test import Client

from handschlag.blog import services as blog_services
from handschlag.organisations import services as organisation_services
from handschlag.organisations.models import Membership
from handschlag.promises.models import Redemption
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_redemption():
    """A confirmed report, consented to but not yet published, made for an organisation."""
    membership = factories.MembershipFactory(role=Membership.Role.MEMBER)
    redemption = factories.RedemptionFactory(
        organisation=membership.organisation,
        applicant=membership.user,
        state=Redemption.State.CONFIRMED,
        report_text="Zwölf Kinder lernen jetzt montags mit den Tablets.",
        report_consent=True,
    )
    return redemption


@pytest.fixture
def photo(org_redemption):
    return factories.ReportPhotoFactory(redemption=org_redemption)


def fetch(client: Client, url: str):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def colleague_of(redemption: Redemption):
    """Another current member of the organisation that redeems (not the applicant)."""
    return factories.MembershipFactory(organisation=redemption.organisation).user


def test_the_url_templates_use_goes_through_the_check(photo):
    assert photo.image.url == f"/media/{photo.image.name}"
    assert photo.image.name.startswith(f"reports/{photo.redemption_id}/")


def test_an_unpublished_photo_is_hidden_from_anonymous_visitors_and_strangers(photo):
    assert Client().get(photo.image.url).status_code == 404
    assert client_for(factories.UserFactory()).get(photo.image.url).status_code == 404
    other_org = factories.MembershipFactory().user  # a member of some other organisation
    assert client_for(other_org).get(photo.image.url).status_code == 404


def test_the_parties_and_moderators_see_an_unpublished_photo(photo, moderator):
    redemption = photo.redemption
    stored = default_storage.open(photo.image.name).read()
    for person in (
        redemption.applicant,
        colleague_of(redemption),
        redemption.promise.owner,
        moderator,
    ):
        response, body = fetch(client_for(person), photo.image.url)
        assert response.status_code == 200, person
        assert body == stored
        assert response["Content-Type"] == "image/jpeg"
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


def test_the_admins_of_a_promising_organisation_see_the_photo(photo):
    promise = photo.redemption.promise
    admin = factories.MembershipFactory(role=Membership.Role.ADMIN).user
    promise.organisation = admin.memberships.get().organisation
    promise.save()
    assert client_for(admin).get(photo.image.url).status_code == 200


def test_an_ex_member_of_the_redeeming_organisation_no_longer_sees_it(photo):
    redemption = photo.redemption
    colleague = colleague_of(redemption)
    client = client_for(colleague)
    assert client.get(photo.image.url).status_code == 200
    organisation_services.leave_organisation(organisation=redemption.organisation, by=colleague)
    assert client.get(photo.image.url).status_code == 404


def test_the_applicant_who_left_the_organisation_no_longer_sees_it(photo):
    redemption = photo.redemption
    factories.MembershipFactory(organisation=redemption.organisation, role=Membership.Role.ADMIN)
    client = client_for(redemption.applicant)
    organisation_services.leave_organisation(
        organisation=redemption.organisation, by=redemption.applicant
    )
    assert client.get(photo.image.url).status_code == 404


def test_a_published_report_photo_is_public_and_may_be_cached(photo, moderator):
    blog_services.publish_report(redemption=photo.redemption, by=moderator)
    photo.redemption.refresh_from_db()
    assert photo.redemption.state == Redemption.State.PUBLISHED
    for client in (Client(), client_for(factories.UserFactory())):
        response, body = fetch(client, photo.image.url)
        assert response.status_code == 200
        assert body == default_storage.open(photo.image.name).read()
        assert "public" in response["Cache-Control"]
        assert "max-age=" in response["Cache-Control"]


def test_a_photo_of_a_report_still_in_work_is_hidden_until_published(moderator):
    redemption = factories.RedemptionFactory(state=Redemption.State.IN_PROGRESS)
    photo = factories.ReportPhotoFactory(redemption=redemption)
    assert Client().get(photo.image.url).status_code == 404
    assert client_for(moderator).get(photo.image.url).status_code == 200


def test_a_known_photo_whose_file_is_gone_is_a_404(photo):
    default_storage.delete(photo.image.name)
    assert client_for(photo.redemption.applicant).get(photo.image.url).status_code == 404


def test_head_is_answered_and_writes_are_refused(photo):
    client = client_for(photo.redemption.applicant)
    assert client.head(photo.image.url).status_code == 200
    assert client.post(photo.image.url).status_code == 405


def test_a_photo_under_another_redemptions_folder_is_a_404(photo):
    """The path names the redemption: the same file name under another id is not the photo."""
    other = factories.RedemptionFactory(applicant=photo.redemption.applicant)
    name = photo.image.name.split("/")[-1]
    url = f"/media/reports/{other.pk}/{name}"
    assert client_for(photo.redemption.applicant).get(url).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/media/" + "A" * 300,  # F8: was a 500 "File name too long"
        "/media/reports/" + "A" * 300,
        "/media/reports/1/" + "A" * 300 + ".jpg",
        "/media/reports/" + "1/" * 600 + "a.jpg",
        "/media/reports/99999999999999999999999/a.jpg",  # beyond a bigint
        "/media/",
        "/media/reports/",
        "/media/reports",
        "/media/reports/1/a.jpg%00.png",
        "/media/reports/1/a%0b.jpg",
        "/media/reports/1\\a.jpg",
        "/media/unbekannt/1/a.jpg",  # no area registered for this folder
        "/media/REPORTS/1/a.jpg",
    ],
)
def test_absurd_and_unknown_media_paths_are_a_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "template",
    [
        "/media/reports/../secret.txt",
        "/media/reports/1/../../secret.txt",
        "/media/../secret.txt",
        "/media/reports/%2e%2e/secret.txt",
        "/media/reports/..%2fsecret.txt",
        "/media//{root}/secret.txt",
        "/media/reports/1/./../../secret.txt",
        "/media/{photo}/",
        "/media/./{photo}",
        "/media/reports//{photo_in_folder}",
    ],
)
def test_path_traversal_is_a_404(settings, photo, moderator, template):
    secret = settings.MEDIA_ROOT.parent / "secret.txt"
    secret.write_text("SECRET_KEY = 'x'")
    (settings.MEDIA_ROOT / "secret.txt").write_text("not in any area")
    url = template.format(
        root=str(settings.MEDIA_ROOT.parent).lstrip("/"),
        photo=photo.image.name,
        photo_in_folder=photo.image.name.removeprefix("reports/"),
    )
    response, body = fetch(client_for(moderator), url)
    assert response.status_code == 404, url
    assert b"SECRET_KEY" not in body


def test_with_x_accel_redirect_the_web_server_sends_the_file(settings, photo):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/protected-media/"
    response, body = fetch(client_for(photo.redemption.applicant), photo.image.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{photo.image.name}"
    assert response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]
    assert body == b""
    # The check still runs first: a stranger gets a 404 and no header.
    stranger = client_for(factories.UserFactory()).get(photo.image.url)
    assert stranger.status_code == 404
    assert "X-Accel-Redirect" not in stranger


def test_a_report_taken_off_the_blog_takes_its_photos_with_it(photo, moderator):
    post = blog_services.publish_report(redemption=photo.redemption, by=moderator)
    assert Client().get(photo.image.url).status_code == 200
    blog_services.unpublish_post(post=post, by=moderator, comment="Datenschutz")
    assert Client().get(photo.image.url).status_code == 404
    assert client_for(photo.redemption.applicant).get(photo.image.url).status_code == 200
