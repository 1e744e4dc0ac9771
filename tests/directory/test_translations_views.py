"""The translation workspace pages: who may work there, the counts, translating with a diff
of an outdated section (escaped), review of a machine translation, RTL fields, the machine
translation button, query counts."""

import pytest
from django.urls import reverse

from handschlag.audit.models import AuditEntry
from handschlag.directory.editing import apply_changes
from handschlag.directory.models import Translation
from handschlag.directory.translating import translate
from tests import factories as base

from . import factories
from .test_guides_views import other_town_editor, provider_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(portal):
    page = factories.GuidePageFactory(topic=factories.GuideTopicFactory(portal=portal))
    factories.GuideSectionFactory(page=page, heading="", body="Bringen Sie den Pass mit.")
    return page


def urls(portal, page, language="uk"):
    slug = portal.municipality.slug
    return {
        "workspace": reverse("directory:translations", args=[slug]),
        "page": reverse("directory:translate", args=[slug, "page", page.pk, language]),
    }


def post_body(client, url, section, text, action="save"):
    return client.post(url, {"object": f"guidesection-{section.pk}", "field": "body",
                             "text": text, "action": action})  # fmt: skip


@pytest.mark.parametrize(
    "role", ["translator_elsewhere", "other_town", "moderator", "anonymous", "stranger"]
)
def test_refused_roles_see_nothing_and_change_nothing(client, portal, page, role):
    user = {
        "translator_elsewhere": lambda: factories.translator_of(factories.PortalFactory()),
        "other_town": lambda: other_town_editor(portal),
        "moderator": base.ModeratorFactory,
        "anonymous": lambda: None,
        "stranger": base.UserFactory,
    }[role]()
    if user is not None:
        client.force_login(user)
    section = page.sections.get()
    before = (Translation.objects.count(), AuditEntry.objects.count())
    for url in urls(portal, page).values():
        assert client.get(url).status_code in (302, 403)
        assert post_body(client, url, section, "Текст").status_code in (302, 403)
    machine = reverse("directory:translations_machine", args=[portal.municipality.slug])
    assert client.post(machine).status_code in (302, 403)
    if user is not None:
        assert client.post(machine).status_code == 403
    assert (Translation.objects.count(), AuditEntry.objects.count()) == before


def test_translator_translates_and_sees_outdated_with_a_diff(client, portal, page, editor):
    translator = factories.translator_of(portal)
    client.force_login(translator)
    section = page.sections.get()
    address = urls(portal, page)
    assert client.get(address["workspace"]).status_code == 200
    response = post_body(client, address["page"], section, "Візьміть паспорт.")
    assert response.status_code == 302
    assert Translation.objects.get(language="uk", field="body").text == "Візьміть паспорт."
    apply_changes(section, {"body": "Bringen Sie den <Ausweis> mit."}, by=editor)
    html = client.get(address["page"]).content.decode()
    assert "<del>" in html and "<ins>" in html
    assert "&lt;Ausweis&gt;" in html and "<Ausweis>" not in html
    work = client.get(address["workspace"] + "?status=outdated&kind=guide&language=uk")
    assert str(section) in work.content.decode() or "Ausweis" in work.content.decode()
    assert work.context["page"].paginator.count == 1
    assert "(Text)" in work.content.decode() and "(body)" not in work.content.decode()


def test_machine_translation_is_reviewed(client, portal, page, editor):
    section = page.sections.get()
    translate(obj=section, field="body", language="uk", text="[uk] Pass", by=None,
              origin=Translation.Origin.MACHINE)  # fmt: skip
    client.force_login(editor)
    address = urls(portal, page)
    assert "Übernehmen" in client.get(address["page"]).content.decode()
    post_body(client, address["page"], section, "", action="review")
    row = Translation.objects.get()
    assert row.reviewed_by == editor and row.text == "[uk] Pass"


def test_empty_translation_is_refused_with_a_message(client, portal, page, editor):
    client.force_login(editor)
    response = post_body(client, urls(portal, page)["page"], page.sections.get(), "  ")
    assert response.status_code == 302
    assert not Translation.objects.exists()


def test_rtl_field_and_unknown_language(client, portal, page, editor):
    client.force_login(editor)
    html = client.get(urls(portal, page, "ar")["page"]).content.decode()
    assert 'lang="ar" dir="rtl"' in html
    assert client.get(urls(portal, page, "xx")["page"]).status_code == 404


def test_provider_member_sees_only_their_offers(client, portal, page):
    user = provider_member(portal)
    own = factories.OfferFactory(portal=portal, provider=portal.providers.get())
    other = factories.OfferFactory(portal=portal)
    client.force_login(user)
    response = client.get(urls(portal, page)["workspace"] + "?language=uk")
    rows = [row for row, _url, _label in response.context["links"]]
    assert rows and all(row.obj in (own, own.provider) for row in rows)
    slug = portal.municipality.slug
    assert client.get(reverse("directory:translate", args=[slug, "offer", own.pk, "uk"])
                      ).status_code == 200  # fmt: skip
    assert client.get(reverse("directory:translate", args=[slug, "offer", other.pk, "uk"])
                      ).status_code == 403  # fmt: skip
    assert client.get(urls(portal, page)["page"]).status_code == 403


def test_machine_button(client, portal, page, editor, settings):
    client.force_login(editor)
    address = urls(portal, page)
    settings.DIRECTORY_MT_BACKEND = ""
    assert "keine maschinelle Übersetzung" in client.get(address["workspace"]).content.decode()
    settings.DIRECTORY_MT_BACKEND = "tests.directory.mt_backend.TaggingBackend"
    assert "maschinell übersetzen" in client.get(address["workspace"]).content.decode()
    client.post(reverse("directory:translations_machine", args=[portal.municipality.slug]))
    assert Translation.objects.filter(origin=Translation.Origin.MACHINE, language="uk").exists()


def test_workspace_queries_are_constant(client, portal, editor, django_assert_max_num_queries):
    client.force_login(editor)
    url = reverse("directory:translations", args=[portal.municipality.slug])

    def grow(n):
        for _ in range(n):
            page = factories.GuidePageFactory(topic=factories.GuideTopicFactory(portal=portal))
            translate(obj=factories.GuideSectionFactory(page=page), field="body",
                      language="uk", text="x", by=editor)  # fmt: skip
            factories.OfferFactory(portal=portal)

    grow(1)
    client.get(url)
    with django_assert_max_num_queries(40) as one:
        client.get(url)
    grow(10)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url)
