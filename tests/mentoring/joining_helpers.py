"""Shared by the joining tests: the roles of the access matrix, valid form data, snapshots of
what a refused write must leave unchanged."""

from __future__ import annotations

from typing import Any

from django.test import Client

from handschlag.mentoring.models import Mentee, Mentor

ROLES = (
    "staff",
    "carrier_coordinator",
    "site_coordinator",
    "other_site_coordinator",
    "mentor",
    "mentee",
    "anonymous",
)
COORDINATING = {"staff", "carrier_coordinator", "site_coordinator"}


def person(world: Any, role: str) -> Any:
    if role == "anonymous":
        return None
    if role == "mentor":
        return world.mentor.user
    if role == "mentee":
        return world.mentee.user
    return getattr(world, role)


def client_as(world: Any, role: str) -> Client:
    client = Client()
    user = person(world, role)
    if user is not None:
        client.force_login(user)
    return client


def profile_data(**changes: Any) -> dict[str, Any]:
    """What a profile form hands the services (for the service tests)."""
    data: dict[str, Any] = {
        "languages": [{"code": "de", "level": "native"}, {"code": "ar", "level": "basic"}],
        "max_km": 10,
        "online": True,
        "availability": ["tue-afternoon", "sat-morning"],
        "kinds": ["everyday"],
        "gender": "",
        "partner_genders": [],
    }
    data.update(changes)
    return data


def mentor_post(site: Any, **changes: Any) -> dict[str, Any]:
    """A filled mentor form as the browser sends it."""
    data: dict[str, Any] = {
        "lang_0": "de",
        "level_0": "native",
        "lang_1": "ar",
        "level_1": "good",
        "municipality": site.municipality.slug,
        "max_km": "10",
        "online": "on",
        "availability": ["tue-afternoon", "wed-evening"],
        "kinds": ["everyday", "language"],
        "capacity": "2",
        "partner_age_groups": ["adult"],
        "interests": "Kochen",
        "about": "",
        "gender": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def self_mentee_post(site: Any, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "first_name": "Amal",
        "age_group": "adult",
        "lang_0": "ar",
        "level_0": "native",
        "municipality": site.municipality.slug,
        "max_km": "5",
        "days": ["tue", "thu"],
        "parts": ["afternoon"],
        "kinds": ["everyday"],
        "partner_gender": "f",
        "phone": "0170 1234567",
        "email": "",
        "language": "de",
        "wishes": "",
        "consented": "on",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def snapshot(profile: Mentor | Mentee) -> dict[str, Any]:
    """Every stored field of the profile, to assert a refused write changed nothing."""
    fresh = type(profile).objects.get(pk=profile.pk)
    return {field.attname: getattr(fresh, field.attname) for field in fresh._meta.concrete_fields}
