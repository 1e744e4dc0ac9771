"""The seed towns: where Handschlag starts, and where the demo world lives.

Keys are the official municipality keys (AGS, 8 digits); a district (Burgenlandkreis) uses its
district key padded with zeros. Population: rounded, as of 2022/2023. Torgau's key (last
three digits) is approximate.
"""

from __future__ import annotations

from typing import NamedTuple

from django.db import transaction

from .importer import MunicipalityRow, upsert_municipalities
from .models import Municipality


class SeedTown(NamedTuple):
    ags: str
    name: str
    population: int
    latitude: float
    longitude: float


SEED_TOWNS: tuple[SeedTown, ...] = (
    SeedTown("16072018", "Sonneberg", 23_500, 50.3575, 11.1756),
    SeedTown("12054000", "Potsdam", 185_750, 52.3989, 13.0657),
    SeedTown("13073088", "Stralsund", 59_400, 54.3091, 13.0818),
    SeedTown("15084000", "Burgenlandkreis", 176_000, 51.1547, 11.8094),
    SeedTown("14730310", "Torgau", 19_900, 51.5580, 12.9966),
    SeedTown("08231000", "Pforzheim", 126_000, 48.8922, 8.6946),
    SeedTown("05766036", "Kalletal", 13_400, 52.1167, 8.9497),
    SeedTown("11000000", "Berlin", 3_755_000, 52.5200, 13.4050),
)


@transaction.atomic
def ensure_seed_towns() -> list[Municipality]:
    """Create or update the seed towns (idempotent); returns them in SEED_TOWNS order."""
    upsert_municipalities(
        [MunicipalityRow(t.ags, t.name, t.population, t.latitude, t.longitude) for t in SEED_TOWNS]
    )
    by_ags = Municipality.objects.in_bulk([t.ags for t in SEED_TOWNS], field_name="ags")
    return [by_ags[t.ags] for t in SEED_TOWNS]
