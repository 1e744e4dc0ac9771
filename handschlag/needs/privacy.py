"""Needs' part of a person's data export and account deletion: a need keeps who wrote it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import services
from .models import Need

if TYPE_CHECKING:
    from handschlag.accounts.models import User


def export(user: User) -> dict[str, Any]:
    needs = Need.objects.filter(author=user).select_related("organisation", "municipality")
    return {
        "needs": [
            {
                "id": need.pk,
                "title": need.title,
                "description": need.description,
                "organisation": need.organisation.name,
                "municipality": need.municipality.name,
                "state": need.state,
                "created_at": need.created_at,
            }
            for need in needs
        ]
    }


def erase(user: User) -> None:
    """The needs belong to their organisations and stay; only the author's name goes."""
    services.erase_author(user=user)
