"""Builds the demo world from data.py. Idempotent: running it twice changes nothing."""

from __future__ import annotations

import datetime
from io import BytesIO

from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw

from handschlag.accounts.models import User
from handschlag.blog.models import Post
from handschlag.core.images import reencode_image
from handschlag.core.models import StateChange
from handschlag.core.units import stored_pair
from handschlag.organisations.models import Membership, Organisation
from handschlag.places.models import Municipality
from handschlag.places.seed import ensure_seed_towns
from handschlag.promises.models import Promise, Redemption, ReportPhoto

from . import data
from .assessment import load_assessments
from .directory import load_directory
from .events import load_events
from .library import load_library
from .mentoring import load_mentoring
from .needs import load_needs

# promise key -> list of (applicant key, organisation key or None, state, quantity)
REDEMPTIONS: dict[str, list[tuple[str, str | None, str, int]]] = {
    "tablets": [("initiative", "willkommen", Redemption.State.PUBLISHED, 10)],
    "praktikum": [
        ("volunteer", None, Redemption.State.APPLIED, 1),
        ("initiative", "willkommen", Redemption.State.ACCEPTED, 1),
    ],
    "fahrraeder": [("initiative_member", "elbbruecke", Redemption.State.IN_PROGRESS, 6)],
    "laptops": [("initiative", "willkommen", Redemption.State.REPORTED, 5)],
    "raum": [("initiative", "willkommen", Redemption.State.CONFIRMED, 1)],
    "dolmetschen": [("volunteer", None, Redemption.State.DISPUTED, 2)],
    "kita": [("volunteer", None, Redemption.State.DECLINED, 1)],
    "fussball": [("initiative_member", None, Redemption.State.WITHDRAWN, 5)],
    "computerkurs": [("volunteer", None, Redemption.State.FAILED, 1)],
}

STATE_PATHS: dict[str, list[str]] = {
    Redemption.State.APPLIED: [],
    Redemption.State.DECLINED: ["declined"],
    Redemption.State.WITHDRAWN: ["withdrawn"],
    Redemption.State.ACCEPTED: ["accepted"],
    Redemption.State.IN_PROGRESS: ["accepted", "in_progress"],
    Redemption.State.REPORTED: ["accepted", "in_progress", "reported"],
    Redemption.State.DISPUTED: ["accepted", "in_progress", "reported", "disputed"],
    Redemption.State.FAILED: ["accepted", "in_progress", "reported", "disputed", "failed"],
    Redemption.State.CONFIRMED: ["accepted", "in_progress", "reported", "confirmed"],
    Redemption.State.PUBLISHED: ["accepted", "in_progress", "reported", "confirmed", "published"],
}


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Create the demo world unless it exists; returns how many objects were created."""
    towns = {slugify(town.name): town for town in ensure_seed_towns()}
    people = _people()
    organisations = _organisations(people, towns)
    created = {"promises": 0, "redemptions": 0, "posts": 0}
    created["measures"], framework = load_library()
    promises: dict[str, Promise] = {}
    for row in data.PROMISES:
        promise, is_new = _promise(row, people, organisations, towns)
        promises[row[0]] = promise
        created["promises"] += is_new
        if is_new:
            for applicant, org, state, quantity in REDEMPTIONS.get(row[0], []):
                _redemption(promise, people[applicant], organisations.get(org or ""), state,
                            quantity, people["moderator"])  # fmt: skip
                created["redemptions"] += 1
    created["posts"] += _tablets_story(promises["tablets"], people)
    created["posts"] += _editorial(people["moderator"], promises["tablets"])
    _copy_of_tablets(promises["tablets"], people["foundation"], organisations["goldstadt"])
    created["needs"] = load_needs(people, organisations, towns)
    created["events"] = load_events(people, organisations, towns)
    created["tandems"] = load_mentoring(people, towns)
    created["assessments"] = load_assessments(people, organisations, towns, framework)
    created["offers"] = load_directory(people, organisations, towns)
    return created


def _people() -> dict[str, User]:
    people = {}
    for key, email, first, last, moderator in data.PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email, data.DEMO_PASSWORD, first_name=first, last_name=last,
                is_moderator=moderator, is_staff=moderator,
            )  # fmt: skip
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        people[key] = user
    return people


def _organisations(
    people: dict[str, User], towns: dict[str, Municipality]
) -> dict[str, Organisation]:
    organisations = {}
    for key, name, kind, town, verified, admin, members in data.ORGANISATIONS:
        organisation, _new = Organisation.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "name": name, "kind": kind, "municipality": towns[town],
                "is_verified": verified, "verified_at": timezone.now() if verified else None,
                "description": f"{name} engagiert sich für ein gutes Ankommen in {towns[town]}.",
            },
        )  # fmt: skip
        Membership.objects.get_or_create(
            organisation=organisation, user=people[admin], defaults={"role": "admin"}
        )
        for member in members:
            Membership.objects.get_or_create(organisation=organisation, user=people[member])
        organisations[key] = organisation
    return organisations


def _promise(
    row: tuple,
    people: dict[str, User],
    organisations: dict[str, Organisation],
    towns: dict[str, Municipality],
) -> tuple[Promise, bool]:
    (_key, owner, org, town, category, title, description, quantity, unit, value, condition,
     requirements, capacity, eligibility, state, days) = row  # fmt: skip
    existing = Promise.objects.filter(title=title, owner=people[owner]).first()
    if existing:
        return existing, False
    published = state in (Promise.State.PUBLISHED, Promise.State.EXPIRED, Promise.State.WITHDRAWN)
    unit_singular, unit = stored_pair("", unit)
    promise = Promise.objects.create(
        owner=people[owner], organisation=organisations.get(org or ""),
        municipality=towns[town] if town else None, category=category, title=title,
        description=description, quantity=quantity, unit=unit, unit_singular=unit_singular,
        estimated_value=value, condition=condition, report_requirements=requirements,
        capacity=capacity, remaining_capacity=capacity, remaining_quantity=quantity,
        eligibility=eligibility, state=state,
        deadline=timezone.localdate() + datetime.timedelta(days=days),
        published_at=timezone.now() - datetime.timedelta(days=abs(days) % 30 + 1)
        if published else None,
        moderation_comment="Bitte nennen Sie das Alter der Kinder und wer die Anmeldung macht."
        if state == Promise.State.RETURNED else "",
    )  # fmt: skip
    _record(promise, ["pending", state] if state != "draft" else [], people["moderator"])
    return promise, True


def _redemption(
    promise: Promise,
    applicant: User,
    organisation: Organisation | None,
    state: str,
    quantity: int,
    moderator: User,
) -> Redemption:
    holds = state in Redemption.HOLDING_STATES
    redemption = Redemption.objects.create(
        promise=promise, applicant=applicant, organisation=organisation, quantity=quantity,
        plan="Wir haben eine feste Gruppe und zwei Ehrenamtliche, die das verlässlich begleiten.",
        state=state,
        decision_reason="Wir haben uns für eine Initiative direkt an der Schule entschieden."
        if state == Redemption.State.DECLINED else "",
        report_text=data.TABLETS_REPORT if state == Redemption.State.PUBLISHED else (
            "Der Kurs ist gut gestartet; acht Teilnehmende kommen regelmäßig."
            if state in ("reported", "disputed", "confirmed", "failed") else ""),
        report_consent=state in ("reported", "confirmed", "published", "disputed"),
        report_submitted_at=timezone.now()
        if state in ("reported", "confirmed", "published", "disputed", "failed") else None,
        confirmed_at=timezone.now() if state in Redemption.FULFILLED_STATES else None,
    )  # fmt: skip
    if holds:
        Promise.objects.filter(pk=promise.pk).update(
            remaining_capacity=promise.remaining_capacity - 1,
            remaining_quantity=promise.remaining_quantity - quantity,
        )
        promise.refresh_from_db()
    _record(redemption, STATE_PATHS[state], moderator, start="applied")
    return redemption


def _record(obj: Promise | Redemption, path: list[str], by: User, start: str = "draft") -> None:
    content_type = ContentType.objects.get_for_model(type(obj))
    previous = start
    for state in path:
        StateChange.objects.create(
            content_type=content_type, object_id=obj.pk, from_state=previous, to_state=state, by=by
        )
        previous = state


def _demo_photo() -> SimpleUploadedFile:
    """A drawn picture of a classroom table with tablets: no people, no real photo needed."""
    image = Image.new("RGB", (1200, 800), "#dfe9f2")
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 500, 1100, 560), fill="#8a6a4a")
    for i in range(5):
        x = 150 + i * 190
        draw.rounded_rectangle((x, 330, x + 150, 490), radius=14, fill="#26313d")
        draw.rectangle((x + 12, 342, x + 138, 478), fill="#6fb1e0")
    draw.text((100, 120), "Willkommensklasse Sonneberg", fill="#1d2733")
    out = BytesIO()
    image.save(out, format="PNG")
    return SimpleUploadedFile("tablets.png", out.getvalue(), content_type="image/png")


def _tablets_story(promise: Promise, people: dict[str, User]) -> int:
    redemption = promise.redemptions.filter(state=Redemption.State.PUBLISHED).first()
    if redemption is None or Post.objects.filter(redemption=redemption).exists():
        return 0
    if not redemption.photos.exists():
        ReportPhoto.objects.create(
            redemption=redemption, image=reencode_image(_demo_photo()),
            alt_text="Fünf Tablets liegen auf einem Tisch im Klassenzimmer.",
        )  # fmt: skip
    # written with the report form's prompts: title, lead and four sections
    Redemption.objects.filter(pk=redemption.pk).update(
        report_text="", report_title=data.TABLETS_TITLE, report_lead=data.TABLETS_LEAD,
        **{f"report_{key}": text for key, text in data.TABLETS_SECTIONS.items()},
    )  # fmt: skip
    Post.objects.create(
        kind=Post.Kind.REPORT, title=data.TABLETS_TITLE,
        slug=f"tablets-willkommensklasse-sonneberg-{redemption.pk}", teaser=data.TABLETS_LEAD,
        sections=[{"key": key, "text": text} for key, text in data.TABLETS_SECTIONS.items()],
        body="\n\n".join(data.TABLETS_SECTIONS.values()), promise=promise, redemption=redemption,
        author=redemption.applicant, byline=redemption.redeemer_name,
        published_at=timezone.now() - datetime.timedelta(days=3),
    )  # fmt: skip
    return 1


def _editorial(moderator: User, promise: Promise) -> int:
    title, teaser, body = data.EDITORIAL
    _post, created = Post.objects.get_or_create(
        slug=slugify(title)[:200],
        defaults={
            "kind": Post.Kind.EDITORIAL, "title": title, "teaser": teaser, "body": body,
            "promise": promise, "author": moderator, "byline": "Redaktion Handschlag",
            "published_at": timezone.now() - datetime.timedelta(days=1),
        },
    )  # fmt: skip
    return int(created)


def _copy_of_tablets(original: Promise, owner: User, organisation: Organisation) -> None:
    if original.copies.exists():
        return
    Promise.objects.create(
        owner=owner, organisation=organisation, inspired_by=original,
        municipality=Municipality.objects.filter(slug__startswith="pforzheim").first(),
        category=original.category, title="Tablets für eine Willkommensklasse in Pforzheim",
        description=original.description, quantity=8, unit=original.unit,
        unit_singular=original.unit_singular,
        condition=original.condition, report_requirements=original.report_requirements,
        capacity=1, remaining_capacity=1, remaining_quantity=8,
        eligibility=original.eligibility, state=Promise.State.DRAFT,
        deadline=timezone.localdate() + datetime.timedelta(days=90),
    )  # fmt: skip
