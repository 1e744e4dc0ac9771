"""The pages the HTML check renders: one `Page` per page and state, as the person who sees it.

To add a page, add a `Page` to `PAGES` (or append a list of them, e.g. `PAGES += EVENT_PAGES`):
a unique name (the test id and the file name), who asks (`anonymous` or `person("company")`,
or any function of the world that returns a user, e.g. one made with a factory), the URL
built from the world, and for a form sent back with errors the POST data (such a page's name
ends in "_errors", and the test checks that it shows them). Full pages only: htmx fragments
are not documents.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from handschlag.needs.models import Need
from handschlag.promises.models import Eligibility, Promise, Redemption
from tests import factories
from tests.needs.factories import NeedFactory

from .page import (
    Page,
    anonymous,
    at,
    in_english,
    in_language,
    need,
    nothing,
    person,
    promise,
    redemption,
)
from .pages_assessment_answering import ANSWERING_PAGES
from .pages_assessment_plan import ASSESSMENT_PLAN_PAGES
from .pages_assessment_results import ASSESSMENT_RESULTS_PAGES
from .pages_directory_data import DATA_PAGES  # directory: data
from .pages_directory_editor import DIRECTORY_EDITOR_PAGES
from .pages_directory_guides import DIRECTORY_GUIDES_PAGES
from .pages_directory_keep import KEEP_PAGES
from .pages_directory_public import DIRECTORY_PUBLIC_PAGES
from .pages_events import EVENT_PAGES
from .pages_measures import MEASURE_PAGES
from .pages_mentoring_joining import MENTORING_JOINING_PAGES
from .pages_mentoring_rounds import ROUND_PAGES
from .pages_mentoring_statistics import MENTORING_STATISTICS_PAGES
from .pages_mentoring_tandems import MENTORING_TANDEM_PAGES
from .pages_moderation import MODERATOR
from .world import PageWorld


def _draft(world: PageWorld) -> Promise:
    return world.promise_in(Promise.State.DRAFT, owner="company")


def _open_to_anyone(world: PageWorld) -> Promise:
    volunteer = world.emails["volunteer"]
    return (
        Promise.objects.open()
        .filter(eligibility=Eligibility.ANYONE)
        .exclude(owner__email=volunteer)
        .exclude(redemptions__applicant__email=volunteer)
        .order_by("pk")
        .first()
    )


def _filled_promise_form(world: PageWorld) -> dict[str, Any]:
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    return {
        "title": "Zwei Nähmaschinen für ein Nähcafé",
        "description": "Zwei gut erhaltene Nähmaschinen mit Zubehör.",
        "category": "equipment",
        "quantity": "2",
        "unit": "Nähmaschinen",
        "condition": "… eine Initiative damit ein Jahr lang ein offenes Nähcafé anbietet.",
        "report_requirements": "Wie viele Menschen kamen, was wurde genäht?",
        "municipality": "Sonneberg",
        "deadline": deadline.isoformat(),
        "capacity": "1",
        "eligibility": Eligibility.ANYONE,
        "action": "preview",
    }


def _draft_need(world: PageWorld) -> Need:
    """A draft need of "Willkommen in Sonneberg" (the demo has none), made with the factory."""
    return NeedFactory(
        organisation=world.organisation("willkommen"),
        author=world.person("initiative"),
        municipality=world.organisation("willkommen").municipality,
        state=Need.State.DRAFT,
        published_at=None,
    )


PUBLIC = [
    Page("home", anonymous, at("home")),
    Page("privacy", anonymous, at("privacy")),
    Page("imprint", anonymous, at("imprint")),
    Page("promise_list", anonymous, at("promises:list")),
    Page(
        "promise_list_filtered",
        anonymous,
        lambda w: reverse("promises:list") + "?open=1&category=training&sort=deadline",
    ),
    Page(
        "promise_list_unknown_town",
        anonymous,
        lambda w: reverse("promises:list") + "?municipality=Nirgendwo-an-der-Elbe",
    ),
    Page("promise_published_with_report", anonymous, promise("tablets")),
    Page("promise_open", anonymous, promise("praktikum")),
    Page("promise_nationwide", anonymous, promise("beratung")),
    Page("promise_expired", anonymous, promise("wintermaentel")),
    Page("need_list", anonymous, at("needs:list")),
    Page("need_published", anonymous, lambda w: need("5 Laptops").get_absolute_url()),
    Page("blog_list", anonymous, at("blog:list")),
    Page("blog_list_reports", anonymous, lambda w: reverse("blog:list") + "?kind=report"),
    Page("blog_report", anonymous, lambda w: w.report_post().get_absolute_url()),
    Page("blog_editorial", anonymous, lambda w: w.editorial_post().get_absolute_url()),
    Page("places", anonymous, at("places:list")),
    Page("places_search", anonymous, lambda w: reverse("places:list") + "?q=Sonn"),
    Page("municipality", anonymous, at("municipality", "sonneberg")),
    Page("municipality_potsdam", anonymous, at("municipality", "potsdam")),
    Page(
        "municipality_empty",
        anonymous,
        lambda w: reverse("municipality", args=[factories.MunicipalityFactory().slug]),
    ),
    Page("organisation_list", anonymous, at("organisations:list")),
    Page("organisation", anonymous, lambda w: w.organisation("techwerk").get_absolute_url()),
    Page(
        "organisation_initiative",
        anonymous,
        lambda w: w.organisation("willkommen").get_absolute_url(),
    ),
    Page("login", anonymous, at("account_login")),
    Page("login_errors", anonymous, at("account_login"), data=nothing),
    Page("signup", anonymous, at("account_signup")),
    Page("signup_errors", anonymous, at("account_signup"), data=nothing),
    Page("password_reset", anonymous, at("account_reset_password")),
    Page("password_reset_errors", anonymous, at("account_reset_password"), data=nothing),
    Page("password_reset_done", anonymous, at("account_reset_password_done")),
    Page("password_reset_bad_key", anonymous, at("account_reset_password_from_key", "1", "x-y")),
    Page("email_confirm_bad_key", anonymous, at("account_confirm_email", "nicht-gueltig")),
    Page("verification_sent", anonymous, at("account_email_verification_sent")),
    Page("not_found", anonymous, lambda w: "/gibt-es-nicht/", status=404),
    Page("promise_not_found", anonymous, at("promises:detail", 999_999), status=404),
]

PROMISER = [  # a company's admin: own promises, applications, organisation, account
    Page("home_signed_in", person("company"), at("home")),
    Page("promises_mine", person("company"), at("promises:mine")),
    Page("promise_as_owner", person("company"), promise("praktikum")),
    Page("promise_draft", person("company"), lambda w: _draft(w).get_absolute_url()),
    Page("promise_pending", person("company"), promise("werkzeug")),
    Page("promise_withdrawn", person("municipality"), promise("spielplatz")),
    Page(
        "promise_edit", person("company"), lambda w: reverse("promises:edit", args=[_draft(w).pk])
    ),
    Page("promise_form", person("company"), at("promises:create")),
    Page(
        "promise_form_errors",
        person("company"),
        at("promises:create"),
        data=lambda w: {"action": "preview"},
    ),
    Page("promise_preview", person("company"), at("promises:create"), data=_filled_promise_form),
    Page(
        "promise_withdraw",
        person("company"),
        lambda w: reverse("promises:withdraw", args=[w.promise("praktikum").pk]),
    ),
    Page(
        "promise_delete",
        person("company"),
        lambda w: reverse("promises:delete", args=[_draft(w).pk]),
    ),
    Page("redemption_applied_promiser", person("company"), redemption(Redemption.State.APPLIED)),
    Page("redemption_thread", person("company"), redemption(Redemption.State.ACCEPTED)),
    Page("redemption_reported", person("company"), redemption(Redemption.State.REPORTED)),
    Page(
        "redemption_dispute_errors",
        person("company"),
        lambda w: reverse("promises:dispute", args=[w.redemption(Redemption.State.REPORTED).pk]),
        data=nothing,
    ),
    Page(
        "organisation_admin",
        person("company"),
        lambda w: w.organisation("techwerk").get_absolute_url(),
    ),
    Page(
        "organisation_members",
        person("company"),
        lambda w: reverse("organisations:members", args=[w.organisation("techwerk").slug]),
    ),
    Page(
        "organisation_edit",
        person("company"),
        lambda w: reverse("organisations:edit", args=[w.organisation("techwerk").slug]),
    ),
    Page(
        "organisation_leave",
        person("company"),
        lambda w: reverse("organisations:leave", args=[w.organisation("techwerk").slug]),
    ),
    Page(
        "organisation_requesting_kind",
        person("company"),
        lambda w: w.requesting_organisation().get_absolute_url(),
    ),
    Page("organisation_form", person("company"), at("organisations:create")),
    Page("organisation_form_errors", person("company"), at("organisations:create"), data=nothing),
    Page("notifications", person("company"), at("notifications:list")),
    Page("notification_settings", person("company"), at("notifications:settings")),
    Page("profile", person("company"), at("accounts:profile")),
    Page("account_delete", person("company"), at("accounts:delete")),
    Page("account_delete_errors", person("company"), at("accounts:delete"), data=nothing),
    Page("account_email", person("company"), at("account_email")),
    Page("password_change", person("company"), at("account_change_password")),
    Page("password_change_errors", person("company"), at("account_change_password"), data=nothing),
    Page("logout", person("company"), at("account_logout")),
    Page(
        "report_abuse",
        person("company"),
        lambda w: reverse("moderation:report_abuse", args=["promise", w.promise("kita").pk]),
    ),
    Page(
        "report_abuse_errors",
        person("company"),
        lambda w: reverse("moderation:report_abuse", args=["promise", w.promise("kita").pk]),
        data=nothing,
    ),
    Page("need_as_promiser", person("company"), lambda w: need("5 Laptops").get_absolute_url()),
    Page("forbidden", person("company"), at("moderation:dashboard"), status=403),
]

REDEEMER = [  # volunteers and initiatives: applying, redemptions in each state, reporting
    Page("redemption_applied", person("volunteer"), redemption(Redemption.State.APPLIED)),
    Page("redemption_disputed", person("volunteer"), redemption(Redemption.State.DISPUTED)),
    Page("redemption_declined", person("volunteer"), redemption(Redemption.State.DECLINED)),
    Page(
        "promise_returned",
        person("volunteer"),
        lambda w: w.promise_in(Promise.State.RETURNED, owner="volunteer").get_absolute_url(),
    ),
    Page(
        "promise_edit_returned",
        person("volunteer"),
        lambda w: reverse(
            "promises:edit", args=[w.promise_in(Promise.State.RETURNED, owner="volunteer").pk]
        ),
    ),
    Page("promises_mine_volunteer", person("volunteer"), at("promises:mine")),
    Page(
        "promise_apply",
        person("volunteer"),
        lambda w: reverse("promises:apply", args=[_open_to_anyone(w).pk]),
    ),
    Page(
        "promise_apply_errors",
        person("volunteer"),
        lambda w: reverse("promises:apply", args=[_open_to_anyone(w).pk]),
        data=nothing,
    ),
    Page(
        "promise_copy",
        person("volunteer"),
        lambda w: reverse("promises:copy", args=[w.promise("tablets").pk]),
    ),
    Page(
        "organisation_kalletal",
        person("volunteer"),
        lambda w: w.organisation("kalletal_hilft").get_absolute_url(),
    ),
    Page(
        "invitation",
        person("volunteer"),
        lambda w: reverse("organisations:invitation", args=[w.invitation.token]),
    ),
    Page("need_pending_own", person("volunteer"), lambda w: need("Trikots").get_absolute_url()),
    Page(
        "report_editor",
        person("initiative_member"),
        redemption(Redemption.State.IN_PROGRESS),
    ),
    Page(
        "report_editor_errors",
        person("initiative_member"),
        lambda w: reverse("promises:report", args=[w.redemption(Redemption.State.IN_PROGRESS).pk]),
        data=lambda w: {"action": "send"},
    ),
    Page("redemption_accepted", person("initiative"), redemption(Redemption.State.ACCEPTED)),
    Page("redemption_confirmed", person("initiative"), redemption(Redemption.State.CONFIRMED)),
    Page("redemption_published", person("initiative"), redemption(Redemption.State.PUBLISHED)),
    Page(
        "organisation_member",
        person("initiative_member"),
        lambda w: w.organisation("willkommen").get_absolute_url(),
    ),
    Page(
        "organisation_leave_member",
        person("initiative_member"),
        lambda w: reverse("organisations:leave", args=[w.organisation("willkommen").slug]),
    ),
    Page(
        "organisation_leave_admin",
        person("initiative"),
        lambda w: reverse("organisations:leave", args=[w.organisation("willkommen").slug]),
    ),
    Page(
        "organisation_municipality",
        person("municipality"),
        lambda w: w.organisation("stadt_potsdam").get_absolute_url(),
    ),
    Page("needs_mine", person("initiative"), at("needs:mine")),
    Page("need_draft", person("initiative"), lambda w: _draft_need(w).get_absolute_url()),
    Page(
        "need_edit",
        person("initiative"),
        lambda w: reverse("needs:edit", args=[_draft_need(w).pk]),
    ),
    Page("need_own", person("initiative"), lambda w: need("5 Laptops").get_absolute_url()),
    Page("need_form", person("initiative"), at("needs:create")),
    Page("need_form_errors", person("initiative"), at("needs:create"), data=nothing),
]

PAGES: list[Page] = [
    *PUBLIC,
    *PROMISER,
    *REDEEMER,
    *MODERATOR,
    *EVENT_PAGES,
    *MENTORING_TANDEM_PAGES,
    *MENTORING_STATISTICS_PAGES,
]
PAGES += in_english(
    PAGES,
    "home_signed_in",
    "promise_published_with_report",
    "promise_form_errors",
    "redemption_thread",
    "report_editor_errors",
    "signup_errors",
    "municipality",
    "need_own",
    "organisation_admin",
    "moderation",
    "notifications",
    "event_list",
    "event_full_signed_in",
    "event_form_errors",
    "event_participants",
    "tandem_coordinator",
    "meeting_log_errors",
)
PAGES += MENTORING_JOINING_PAGES  # (already with their English versions)
# What newcomers read, in the newcomer languages: right to left in Arabic and Farsi.
PAGES += in_language(
    PAGES, "ar", "home", "privacy", "signup_errors", "mentoring_index",
    "mentoring_mentee_self_errors", "mentoring_mentee_registered",
)  # fmt: skip
PAGES += in_language(PAGES, "ar", "event_list", "event_register_errors", "event_guest_registration")
PAGES += in_language(PAGES, "fa", "mentoring_mentee_self", "login", "event_calendar")
PAGES += in_language(PAGES, "uk", "mentoring_find_site", "home")
PAGES += in_language(PAGES, "tr", "mentoring_site_info", "event_detail")
PAGES += in_language(PAGES, "ru", "mentoring_mentee_registered")
PAGES += ROUND_PAGES
PAGES += ASSESSMENT_PLAN_PAGES  # (already with their English versions)
PAGES += ANSWERING_PAGES  # (already with their English versions)
PAGES += ASSESSMENT_RESULTS_PAGES  # (already with their English versions)
PAGES += MEASURE_PAGES  # (already with their English versions)
# directory: data (HSDS open data pages and the import)
PAGES += DATA_PAGES  # (already with their English versions)
# directory: guides
PAGES += DIRECTORY_GUIDES_PAGES  # (already with their English versions)
# directory: keep
PAGES += KEEP_PAGES  # (already with their English versions)
# directory: public
PAGES += DIRECTORY_PUBLIC_PAGES  # (already with their English versions)
# directory: editor
PAGES += DIRECTORY_EDITOR_PAGES  # (already with their English versions)
