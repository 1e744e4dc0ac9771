"""Every page of the site, as the person who may see it, checked by axe-core (WCAG 2.1 AA).

The pages run against the demo world (handschlag/site/demo), which has a promise, a
redemption and a post in every state. Each test is one role in one language and walks
through all pages of that role, forms re-rendered with errors included, so the suite
stays short while covering the whole site in German and in English.
"""

from __future__ import annotations

import datetime
from itertools import pairwise
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import Page

from handschlag.moderation.models import AbuseReport
from handschlag.notifications.registry import notification_kinds
from handschlag.promises.models import Eligibility, Promise, Redemption
from handschlag.site.demo import data
from tests.demo_world import DemoWorld, build_demo_world
from tests.e2e.conftest import assert_accessible, log_in

LANGUAGES = ["de", "en"]


@pytest.fixture
def world(live_server) -> DemoWorld:
    return build_demo_world()


@pytest.fixture(params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> str:
    return request.param


def speak(page: Page, language: str) -> None:
    """Choose the language the way the switcher does: Django's language cookie for this site."""
    assert page.url.startswith("http"), "open a page of the site first"
    site = urlsplit(page.url)
    root = f"{site.scheme}://{site.netloc}/"  # the cookie's path is "/": valid on every page
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": root}]
    )


def visit(page: Page, url: str, language: str, *, status: int = 200) -> None:
    """Open `url` as the current person: shown (not redirected), in `language`, accessible."""
    response = page.goto(url)
    assert response is not None and response.status == status, (
        f"{url}: {response and response.status}"
    )
    assert urlsplit(page.url).path == urlsplit(url).path, f"{url} went to {page.url}"
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
    assert_headings_in_order(page)


def assert_headings_in_order(page: Page) -> None:
    """One h1 first; no level skipped on the way down (axe leaves this to best practice)."""
    levels = page.evaluate(
        "() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]"
        ".map(h => Number(h.tagName[1]))"
    )
    assert levels[:1] == [1] and levels.count(1) == 1, f"{page.url}: headings {levels}"
    skips = [(a, b) for a, b in pairwise(levels) if b > a + 1]
    assert not skips, f"{page.url}: heading levels skip {skips} in {levels}"


def submit(page: Page, button: str = "main form[method=post] [type=submit]") -> None:
    """Submit a form as it is (usually empty) with `button`, so it comes back with errors."""
    page.locator(button).first.click()
    page.wait_for_load_state()


def assert_errors_shown(page: Page, language: str) -> None:
    assert page.locator("main .errorlist, main .message-error").count() > 0, page.url
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)


def become(page: Page, world: DemoWorld, person: str, language: str) -> None:
    """Start a fresh session as `person` (a key of data.PEOPLE) in `language`."""
    page.context.clear_cookies()
    page.goto("/")
    log_in(page, world.emails[person], data.DEMO_PASSWORD)
    speak(page, language)


def test_public_pages(page: Page, world: DemoWorld, language: str) -> None:
    page.goto("/")
    speak(page, language)
    tablets = world.promise("tablets")
    for url in [
        "/", reverse("privacy"), reverse("imprint"),
        reverse("promises:list"),
        reverse("promises:list") + "?open=1&category=training&sort=deadline",
        reverse("promises:list") + "?municipality=Nirgendwo-an-der-Elbe",  # unknown town: an error
        tablets.get_absolute_url(), world.promise("praktikum").get_absolute_url(),
        reverse("blog:list"), world.report_post().get_absolute_url(),
        reverse("organisations:list"),
        world.organisation("techwerk").get_absolute_url(),
        reverse("places:list"), reverse("municipality", args=[tablets.municipality.slug]),
        reverse("account_signup"), reverse("account_reset_password"),
    ]:  # fmt: skip
        visit(page, url, language)
    for url in ["/gibt-es-nicht/", reverse("promises:detail", args=[999_999])]:
        visit(page, url, language, status=404)

    # The promise list filters in place (htmx): the swapped-in results are checked too.
    visit(page, reverse("promises:list"), language)
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        page.select_option("#id_category", "equipment")
    page.wait_for_load_state()
    assert_accessible(page)

    for url in [
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
    ]:
        visit(page, url, language)
        submit(page)
        assert_errors_shown(page, language)


def test_promiser_pages(page: Page, world: DemoWorld, language: str) -> None:
    """A company member: own promises, applications, organisation admin, account."""
    become(page, world, "company", language)
    company = world.organisation("techwerk")
    draft = world.promise_in(Promise.State.DRAFT, owner="company")
    for url in [
        reverse("promises:mine"), world.promise("praktikum").get_absolute_url(),
        draft.get_absolute_url(), reverse("promises:edit", args=[draft.pk]),
        world.redemption(Redemption.State.APPLIED).get_absolute_url(),
        world.redemption(Redemption.State.ACCEPTED).get_absolute_url(),
        company.get_absolute_url(), reverse("organisations:members", args=[company.slug]),
        reverse("organisations:edit", args=[company.slug]),
        reverse("organisations:leave", args=[company.slug]),
        world.organisation("willkommen").get_absolute_url(),
        reverse("notifications:list"),
        reverse("accounts:profile"), reverse("accounts:delete"),
        reverse("account_email"), reverse("account_change_password"),
    ]:  # fmt: skip
        visit(page, url, language)
    visit(page, reverse("moderation:dashboard"), language, status=403)

    # The application waits for this promiser: the next step is theirs, as buttons.
    visit(page, world.redemption(Redemption.State.APPLIED).get_absolute_url(), language)
    next_step = page.locator("main section[aria-labelledby=next-heading]")
    assert next_step.locator("form[action$='/annehmen/'] button").count() == 1
    assert next_step.locator("form#decline button.button-danger").count() == 1

    # Its own organisation asked for a kind with powers: the admin sees it is not yet in force.
    requesting = world.requesting_organisation()
    visit(page, requesting.get_absolute_url(), language)
    assert page.locator("main form[action$='/verifizieren/']").count() == 0
    with translation.override(language):
        requested = str(requesting.get_requested_kind_display())
    assert requested in page.locator("main dl.facts").inner_text()

    # The e-mail settings: one fieldset, with its legend, per group of notification kinds.
    visit(page, reverse("notifications:settings"), language)
    groups = {str(kind.group) for kind in notification_kinds}
    assert page.locator("main form fieldset > legend").count() == len(groups) > 1
    boxes = page.locator("main form input[type=checkbox]")
    assert boxes.count() == len(notification_kinds)
    assert page.locator("main form fieldset input[type=checkbox]").count() == boxes.count()

    # A report to confirm or dispute; disputing without a reason comes back with an error.
    visit(page, world.redemption(Redemption.State.REPORTED).get_absolute_url(), language)
    submit(page, "main form[action$='/beanstanden/'] [type=submit]")
    assert_errors_shown(page, language)

    visit(page, reverse("organisations:create"), language)
    submit(page)
    assert_errors_shown(page, language)

    visit(
        page,
        reverse("moderation:report_abuse", args=["promise", world.promise("kita").pk]),
        language,
    )
    submit(page)
    assert_errors_shown(page, language)

    # The promise form: empty → errors; filled in → the preview.
    visit(page, reverse("promises:create"), language)
    submit(page, "main button[value=preview]")
    assert_errors_shown(page, language)
    fill_promise_form(page)
    submit(page, "main button[value=preview]")
    assert page.locator("main button[value=submit]").count() == 1, "no preview"
    assert_accessible(page)


def fill_promise_form(page: Page) -> None:
    page.fill("#id_title", "Zwei Nähmaschinen für ein Nähcafé")
    page.fill("#id_description", "Zwei gut erhaltene Nähmaschinen mit Zubehör.")
    page.select_option("#id_category", "equipment")
    page.fill("#id_quantity", "2")
    page.fill("#id_unit", "Nähmaschinen")
    page.fill(
        "#id_condition", "… eine Initiative damit ein Jahr lang ein offenes Nähcafé anbietet."
    )
    page.fill("#id_report_requirements", "Wie viele Menschen kamen, was wurde genäht?")
    page.fill("#id_municipality", "Sonneberg")
    page.fill("#id_deadline", (timezone.localdate() + datetime.timedelta(days=30)).isoformat())
    page.fill("#id_capacity", "1")
    page.select_option("#id_eligibility", Eligibility.ANYONE)


def test_redeemer_pages(page: Page, world: DemoWorld, language: str) -> None:
    """Volunteers and initiatives: applying, their redemptions in each state, reporting."""
    become(page, world, "volunteer", language)
    volunteer = world.emails["volunteer"]
    open_to_anyone = (
        Promise.objects.open()
        .filter(eligibility=Eligibility.ANYONE)
        .exclude(owner__email=volunteer)
        .exclude(redemptions__applicant__email=volunteer)
        .first()
    )
    for url in [
        world.redemption(Redemption.State.APPLIED).get_absolute_url(),
        world.redemption(Redemption.State.DISPUTED).get_absolute_url(),
        world.redemption(Redemption.State.DECLINED).get_absolute_url(),
        world.promise_in(Promise.State.RETURNED, owner="volunteer").get_absolute_url(),
        world.organisation("kalletal_hilft").get_absolute_url(),
        reverse("promises:mine"),
    ]:
        visit(page, url, language)
    visit(page, reverse("promises:apply", args=[open_to_anyone.pk]), language)
    page.fill("#id_plan", "")
    submit(page)
    assert_errors_shown(page, language)

    become(page, world, "initiative_member", language)
    visit(page, world.redemption(Redemption.State.IN_PROGRESS).get_absolute_url(), language)
    submit(page, "main form[action$='/bericht/'] button[value=send]")
    assert_errors_shown(page, language)

    become(page, world, "initiative", language)
    for state in (
        Redemption.State.ACCEPTED,
        Redemption.State.CONFIRMED,
        Redemption.State.PUBLISHED,
    ):
        visit(page, world.redemption(state).get_absolute_url(), language)


def test_moderator_pages(page: Page, world: DemoWorld, language: str) -> None:
    become(page, world, "moderator", language)
    dashboard = reverse("moderation:dashboard")
    pending = Promise.objects.filter(state=Promise.State.PENDING).first()
    report = world.redemption(Redemption.State.CONFIRMED)
    dispute = world.redemption(Redemption.State.DISPUTED)
    abuse = AbuseReport.objects.get()
    for url in [
        dashboard, *(f"{dashboard}?queue={q}" for q in
                     ("promises", "reports", "disputes", "abuse", "organisations")),
        reverse("promises:review", args=[pending.pk]),
        reverse("blog:review_report", args=[report.pk]),
        reverse("promises:review_dispute", args=[dispute.pk]),
        reverse("moderation:abuse", args=[abuse.pk]),
        world.organisation("hanse_bau").get_absolute_url(),
        world.editorial_post().get_absolute_url(),
        reverse("blog:edit", args=[world.editorial_post().slug]),
    ]:  # fmt: skip
        visit(page, url, language)

    # An organisation that asked for a kind with powers: verify as that kind, or decline it.
    visit(page, world.requesting_organisation().get_absolute_url(), language)
    verify = page.locator("main form[action$='/verifizieren/']")
    assert verify.locator("input[name=verified]").get_attribute("value") == "1"
    assert page.locator("main form[action$='/art-ablehnen/'] button").count() == 1

    # Decisions that need a reason come back with an error when it is missing.
    visit(page, reverse("promises:review", args=[pending.pk]), language)
    submit(page, "main button[value=return]")
    assert_errors_shown(page, language)
    submit(page, "main button[value=approve]")  # so that the log has an entry
    log = reverse("moderation:log")
    visit(page, log, language)  # the demo's events add moderation entries of their own
    assert page.locator("main tbody tr").count() >= 1
    visit(page, log + "?action=promises.publish_promise", language)
    assert page.locator("main tbody tr").count() == 1
    visit(page, reverse("promises:review_dispute", args=[dispute.pk]), language)
    submit(page)
    assert_errors_shown(page, language)
    # The abuse report on a promise offers the promise's own decision besides resolve/dismiss.
    visit(page, reverse("moderation:abuse", args=[abuse.pk]), language)
    decisions = page.locator("main form button[name=decision]")
    values = [decisions.nth(i).get_attribute("value") for i in range(decisions.count())]
    assert values == ["do:return_promise", "resolve", "dismiss"]
    submit(page, "main button[value='do:return_promise']")
    assert_errors_shown(page, language)
    submit(page, "main button[value=resolve]")
    assert_errors_shown(page, language)
    visit(page, reverse("blog:create"), language)
    submit(page)
    assert_errors_shown(page, language)
