"""The joining pages of mentoring in the HTML check: public pages, the site finder, registering
as mentor and (without account) as mentee, "Mein Mentoring", the coordination, profiles with
their decisions, a carrier's team.

The demo world has no mentoring yet, so each page builds a small scene (a programme, a carrier,
a site with coordinators, mentors and mentees in every state) when its URL is built; the
person who asks is then found in the same scene (each page's writes are rolled back)."""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from typing import Any

from django.urls import reverse
from django.utils import timezone

from handschlag.mentoring import access
from handschlag.mentoring.models import Carrier, Mentee, Mentor, Programme, Site
from handschlag.organisations.models import Membership, Organisation
from handschlag.places.models import Municipality
from tests import factories as base
from tests.mentoring import factories

from .page import Page, anonymous, in_english, nothing
from .world import PageWorld

SLUG = "html-paten"


def _scene(world: PageWorld) -> SimpleNamespace:
    """The scene of the mentoring pages: built once per page, found again afterwards."""
    programme = Programme.objects.filter(slug=SLUG).first()
    if programme is None:
        return _build()
    site = Site.objects.get(slug=f"{SLUG}-standort")
    admin = site.carrier.organisation.memberships.get(role=Membership.Role.ADMIN)
    return SimpleNamespace(
        programme=programme,
        site=site,
        carrier=site.carrier,
        coordinator=Membership.objects.get(
            organisation=site.carrier.organisation, grants__role=access.SITE_COORDINATOR
        ).user,
        carrier_admin=admin.user,
        mentor=Mentor.objects.get(site=site, capacity=2),
        submitted=Mentor.objects.get(site=site, state=Mentor.State.SUBMITTED),
        returned=Mentor.objects.get(site=site, state=Mentor.State.RETURNED),
        mentee=Mentee.objects.get(site=site, user__isnull=False),
        waiting=Mentee.objects.get(site=site, state=Mentee.State.SUBMITTED),
    )


def _build() -> SimpleNamespace:
    town = Municipality.objects.order_by("-population", "pk").first()
    programme = factories.ProgrammeFactory(slug=SLUG, name="Menschen stärken Menschen")
    carrier = factories.CarrierFactory(programme=programme)
    site = factories.SiteFactory(
        carrier=carrier, slug=f"{SLUG}-standort", municipality=town, contact_phone="03675 1234"
    )
    factories.SiteFactory(carrier=carrier, municipality=town, accepts_registrations=False)
    coordinator = factories.coordinator(access.SITE_COORDINATOR, site)
    admin = base.UserFactory()
    Membership.objects.create(organisation=carrier.organisation, user=admin, role="admin")
    mentor = factories.MentorFactory(site=site, capacity=2, free_places=1)
    factories.MentorFactory(site=site, state=Mentor.State.SUBMITTED, partner_age_groups=["youth"])
    factories.MentorFactory(
        site=site, state=Mentor.State.RETURNED, state_comment="Bitte ergänzen Sie Ihre Zeiten."
    )
    today = timezone.localdate()
    factories.MentorFactory(
        site=site,
        certificate_seen_on=today,
        certificate_issued_on=today - datetime.timedelta(days=30),
    )
    mentee = factories.MenteeFactory(site=site, user=base.UserFactory(), phone="0170 1")
    waiting = factories.MenteeFactory(site=site, state=Mentee.State.SUBMITTED, first_name="Olena")
    factories.TandemFactory(site=site, mentor=mentor, mentee=factories.MenteeFactory(site=site))
    return SimpleNamespace(
        programme=programme, site=site, carrier=carrier, coordinator=coordinator,
        carrier_admin=admin, mentor=mentor, submitted=Mentor.objects.get(
            site=site, state=Mentor.State.SUBMITTED
        ), returned=Mentor.objects.get(site=site, state=Mentor.State.RETURNED),
        mentee=mentee, waiting=waiting,
    )  # fmt: skip


def url(build: Any) -> Any:
    """A URL from the scene, e.g. `url(lambda s: reverse(..., args=[s.site.slug]))`."""
    return lambda world: build(_scene(world))


def who(pick: Any) -> Any:
    return lambda world: pick(_scene(world))


def _new_person(world: PageWorld) -> Any:
    return base.UserFactory()


def _site(name: str) -> Any:
    return url(lambda s: reverse(name, args=[s.site.slug]))


def _mentor(name: str, key: str = "mentor") -> Any:
    return url(lambda s: reverse(name, args=[getattr(s, key).pk]))


COORDINATOR = who(lambda s: s.coordinator)

MENTORING_JOINING_PAGES = [
    Page("mentoring_index", anonymous, url(lambda s: reverse("mentoring:index"))),
    Page(
        "mentoring_programme",
        anonymous,
        url(lambda s: reverse("mentoring:programme", args=[s.programme.slug])),
    ),
    Page(
        "mentoring_find_site",
        anonymous,
        url(
            lambda s: (
                reverse("mentoring:find_site") + f"?zweck=mentee&ort={s.site.municipality.slug}"
            )
        ),
    ),
    Page(
        "mentoring_find_site_unknown_place",
        anonymous,
        url(lambda s: reverse("mentoring:find_site") + "?ort=Nirgendwo"),
    ),
    Page("mentoring_site_info", anonymous, _site("mentoring:site_info")),
    Page("mentoring_register_mentor", _new_person, _site("mentoring:register_mentor")),
    Page(
        "mentoring_register_mentor_errors",
        _new_person,
        _site("mentoring:register_mentor"),
        data=nothing,
    ),
    Page("mentoring_mentee_self", anonymous, _site("mentoring:register_mentee_self")),
    Page(
        "mentoring_mentee_self_errors",
        anonymous,
        _site("mentoring:register_mentee_self"),
        data=nothing,
    ),
    Page("mentoring_mentee_registered", anonymous, _site("mentoring:mentee_registered")),
    Page(
        "mentoring_mine", who(lambda s: s.returned.user), url(lambda s: reverse("mentoring:mine"))
    ),
    Page("mentoring_mine_empty", _new_person, url(lambda s: reverse("mentoring:mine"))),
    Page("mentoring_coordination", COORDINATOR, url(lambda s: reverse("mentoring:coordination"))),
    Page(
        "mentoring_coordination_carrier_admin",
        who(lambda s: s.carrier_admin),
        url(lambda s: reverse("mentoring:coordination")),
    ),
    Page("mentoring_site", COORDINATOR, _site("mentoring:site")),
    Page(
        "mentoring_site_filtered",
        COORDINATOR,
        url(
            lambda s: reverse("mentoring:site", args=[s.site.slug]) + "?state=approved&language=uk"
        ),
    ),
    Page("mentoring_site_edit", COORDINATOR, _site("mentoring:site_edit")),
    Page("mentoring_register_mentee", COORDINATOR, _site("mentoring:register_mentee")),
    Page(
        "mentoring_register_mentee_errors",
        COORDINATOR,
        _site("mentoring:register_mentee"),
        data=nothing,
    ),
    Page("mentoring_mentor_submitted", COORDINATOR, _mentor("mentoring:mentor", "submitted")),
    Page("mentoring_mentor_approved", COORDINATOR, _mentor("mentoring:mentor")),
    Page(
        "mentoring_mentor_own_returned",
        who(lambda s: s.returned.user),
        _mentor("mentoring:mentor", "returned"),
    ),
    Page(
        "mentoring_edit_mentor",
        who(lambda s: s.returned.user),
        _mentor("mentoring:edit_mentor", "returned"),
    ),
    Page(
        "mentoring_return_mentor_errors",
        COORDINATOR,
        _mentor("mentoring:return_mentor", "submitted"),
        data=nothing,
    ),
    Page(
        "mentoring_certificate_errors",
        COORDINATOR,
        _mentor("mentoring:certificate", "submitted"),
        data=nothing,
    ),
    Page(
        "mentoring_withdraw_mentor",
        who(lambda s: s.mentor.user),
        _mentor("mentoring:withdraw_mentor"),
    ),
    Page(
        "mentoring_withdraw_mentor_free",
        who(lambda s: s.returned.user),
        _mentor("mentoring:withdraw_mentor", "returned"),
    ),
    Page("mentoring_mentee_waiting", COORDINATOR, _mentor("mentoring:mentee", "waiting")),
    Page(
        "mentoring_mentee_own", who(lambda s: s.mentee.user), _mentor("mentoring:mentee", "mentee")
    ),
    Page("mentoring_edit_mentee", COORDINATOR, _mentor("mentoring:edit_mentee", "mentee")),
    Page(
        "mentoring_edit_own_mentee",
        who(lambda s: s.mentee.user),
        _mentor("mentoring:edit_own_mentee", "mentee"),
    ),
    Page(
        "mentoring_team",
        who(lambda s: s.carrier_admin),
        url(lambda s: reverse("mentoring:team", args=[s.carrier.pk])),
    ),
]


# --- the structure: programme, carriers, sites, edited by their staff ------------------------

STAFF = who(lambda s: factories.coordinator(access.PROGRAMME_STAFF, s.programme))
CARRIER_ADMIN = who(lambda s: s.carrier_admin)
EMPTY = f"{SLUG}-leer"


def _programme(name: str) -> Any:
    return url(lambda s: reverse(name, args=[s.programme.slug]))


def _carrier(name: str) -> Any:
    return url(lambda s: reverse(name, args=[s.carrier.pk]))


def _new_carrier_url(s: SimpleNamespace) -> str:
    base.OrganisationFactory(is_verified=True, kind=Organisation.Kind.ASSOCIATION)
    return reverse("mentoring:carrier_add", args=[s.programme.slug])


def _empty_programme_url(world: PageWorld) -> str:
    return reverse(
        "mentoring:structure_programme", args=[factories.ProgrammeFactory(slug=EMPTY).slug]
    )


def _empty_programme_staff(world: PageWorld) -> Any:
    return factories.coordinator(access.PROGRAMME_STAFF, Programme.objects.get(slug=EMPTY))


def _empty_carrier_url(s: SimpleNamespace) -> str:
    return reverse(
        "mentoring:structure_carrier", args=[factories.CarrierFactory(programme=s.programme).pk]
    )


def _inactive_carrier_url(s: SimpleNamespace) -> str:
    Carrier.objects.filter(pk=s.carrier.pk).update(is_active=False)
    return reverse("mentoring:structure_carrier", args=[s.carrier.pk])


def _inactive_site_url(s: SimpleNamespace) -> str:
    Site.objects.filter(pk=s.site.pk).update(is_active=False)
    return reverse("mentoring:site", args=[s.site.slug])


def _empty_site_removal(s: SimpleNamespace) -> str:
    empty = Site.objects.filter(carrier=s.carrier).exclude(pk=s.site.pk).get()
    return reverse("mentoring:site_remove", args=[empty.slug])


def _kind_in_use(world: PageWorld) -> dict[str, Any]:
    """The programme loses a kind its people still have: refused, on the form."""
    return {"name": "Menschen stärken Menschen", "starts_on": "2016-01-01", "kinds": ["job"],
            "inactivity_weeks": "6"}  # fmt: skip


STRUCTURE_PAGES = [
    Page("mentoring_structure_programme", STAFF, _programme("mentoring:structure_programme")),
    Page("mentoring_structure_programme_empty", _empty_programme_staff, _empty_programme_url),
    Page("mentoring_programme_staff", STAFF, _programme("mentoring:programme")),
    Page("mentoring_programme_edit", STAFF, _programme("mentoring:programme_edit")),
    Page(
        "mentoring_programme_edit_errors",
        STAFF,
        _programme("mentoring:programme_edit"),
        data=_kind_in_use,
    ),
    Page("mentoring_carrier_add", STAFF, url(_new_carrier_url)),
    Page("mentoring_carrier_add_errors", STAFF, url(_new_carrier_url), data=nothing),
    Page("mentoring_structure_carrier", CARRIER_ADMIN, _carrier("mentoring:structure_carrier")),
    Page("mentoring_structure_carrier_staff", STAFF, _carrier("mentoring:structure_carrier")),
    Page("mentoring_structure_carrier_empty", STAFF, url(_empty_carrier_url)),
    Page("mentoring_structure_carrier_inactive", STAFF, url(_inactive_carrier_url)),
    Page("mentoring_carrier_edit", STAFF, _carrier("mentoring:carrier_edit")),
    Page("mentoring_carrier_remove", STAFF, _carrier("mentoring:carrier_remove")),
    Page("mentoring_site_add", CARRIER_ADMIN, _carrier("mentoring:site_add")),
    Page("mentoring_site_add_errors", CARRIER_ADMIN, _carrier("mentoring:site_add"), data=nothing),
    Page("mentoring_site_details", CARRIER_ADMIN, _site("mentoring:site_details")),
    Page("mentoring_site_remove", CARRIER_ADMIN, _site("mentoring:site_remove")),
    Page("mentoring_site_remove_empty", CARRIER_ADMIN, url(_empty_site_removal)),
    Page("mentoring_site_inactive", COORDINATOR, url(_inactive_site_url)),
]
MENTORING_JOINING_PAGES += STRUCTURE_PAGES
MENTORING_JOINING_PAGES += in_english(
    MENTORING_JOINING_PAGES,
    "mentoring_index",
    "mentoring_mentee_self_errors",
    "mentoring_register_mentor_errors",
    "mentoring_site",
    "mentoring_structure_carrier",
    "mentoring_site_remove",
    "mentoring_programme_edit_errors",
)
