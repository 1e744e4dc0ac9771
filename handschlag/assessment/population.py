"""The town's population, given by its administration.

The comparison with peers groups towns by size (places/population.py). The official boundary
file the municipalities come from has no population (places/vg250.py), so most towns start
with 0, "unknown", and have no peers. An admin of the town's verified municipality
organisation enters the number with the date it refers to ("Stand 31.12.2025"), where they
need it: at the start of a round, on the results' comparison, and later on its own page.
Nobody else can change it (moderators neither: the town speaks for itself); every change is
in the audit log with the old and the new figures.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.places.models import Municipality

if TYPE_CHECKING:
    from handschlag.accounts.models import User

# Audit verb (registered in kernel/results.py with its label).
POPULATION_SET = "assessment.set_population"

MAX_POPULATION = 10_000_000  # Berlin, the largest, has fewer than 4 million
EARLIEST = datetime.date(1990, 1, 1)


@transaction.atomic
def set_population(
    *, municipality: Municipality, by: User, population: int, as_of: datetime.date
) -> Municipality:
    """Store the town's population and its reference date; refused for anyone but an admin
    of a verified municipality organisation of the town, and for implausible figures."""
    if not by.has_perm("assessment.set_population", municipality):
        raise PermissionDenied
    if not 1 <= population <= MAX_POPULATION:
        raise DomainError(
            _("Bitte geben Sie eine Einwohnerzahl zwischen 1 und %(max)s an.")
            % {"max": number_format(MAX_POPULATION, force_grouping=True)},
            code="population",
        )
    if as_of > timezone.localdate():
        raise DomainError(_("Der Stand kann nicht in der Zukunft liegen."), code="as_of")
    if as_of < EARLIEST:
        raise DomainError(_("Bitte geben Sie eine Zahl mit Stand ab 1990 an."), code="as_of")
    town = Municipality.objects.select_for_update().get(pk=municipality.pk)
    before = {"population": town.population, "as_of": town.population_as_of}
    town.population, town.population_as_of = population, as_of
    town.save(update_fields=["population", "population_as_of"])  # the town page shows it
    record(
        actor=by,
        verb=POPULATION_SET,
        target=town,
        old_population=before["population"],
        old_as_of=before["as_of"],
        population=population,
        as_of=as_of,
    )
    municipality.population, municipality.population_as_of = population, as_of
    return town
