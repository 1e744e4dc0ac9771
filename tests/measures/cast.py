"""The cast of the library's tests: every role of its access matrix and a measure in every
state. conftest.py makes `cast` a fixture of every test module here.

- anonymous: nobody signed in;
- stranger: signed in, no organisation;
- proposer: admin of "Willkommen in Sonneberg e. V." (an initiative), which proposed `draft`,
  `submitted` and `returned`;
- colleague: a plain member of that initiative (no power over its proposals);
- member: a plain member of the verified municipality organisation of Sonneberg;
- town_admin: an admin of it;
- other_admin: an admin of another initiative;
- moderator.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from handschlag.measures.models import Measure
from handschlag.organisations.models import Organisation
from tests import factories as base

from .factories import MeasureFactory, texts


@pytest.fixture
def cast(db):
    town = base.MunicipalityFactory(name="Sonneberg", slug="sonneberg", ags="16072017")
    initiative = base.OrganisationFactory(
        name="Willkommen in Sonneberg e. V.",
        kind=Organisation.Kind.INITIATIVE,
        municipality=town,
        is_verified=True,
    )
    city = base.OrganisationFactory(
        name="Stadt Sonneberg",
        kind=Organisation.Kind.MUNICIPALITY,
        municipality=town,
        is_verified=True,
    )
    other = base.OrganisationFactory(name="Kalletal hilft", kind=Organisation.Kind.ASSOCIATION)

    def person(organisation, role):
        return base.MembershipFactory(organisation=organisation, role=role).user

    proposer = person(initiative, "admin")

    def proposal(state, **kwargs):
        return MeasureFactory(state=state, organisation=initiative, created_by=proposer, **kwargs)

    published = MeasureFactory(
        slug="willkommenscafe",
        title={"de": "Willkommenscafé im Rathaus", "en": "Welcome café at the town hall"},
        summary=texts("Ein offener Treffpunkt"),
        goal={"de": "Neue und alte Nachbarn lernen sich kennen.", "en": "Neighbours meet."},
        steps=[
            {"de": "Raum im Rathaus finden", "en": "Find a room in the town hall"},
            {"de": "Einladung mehrsprachig verteilen", "en": "Spread a multilingual invitation"},
        ],
        duration={"de": "ein Nachmittag im Monat", "en": "one afternoon a month"},
        format="encounter",
        topics=["cohesion", "engagement"],
        target_groups=["newcomers", "public"],
        effort="low",
    )
    return SimpleNamespace(
        town=town,
        initiative=initiative,
        city=city,
        other=other,
        proposer=proposer,
        colleague=person(initiative, "member"),
        member=person(city, "member"),
        town_admin=person(city, "admin"),
        other_admin=person(other, "admin"),
        moderator=base.ModeratorFactory(),
        stranger=base.UserFactory(),
        published=published,
        draft=proposal(Measure.State.DRAFT, published_at=None),
        submitted=proposal(Measure.State.SUBMITTED, published_at=None),
        proposed=proposal(Measure.State.PUBLISHED),
        withdrawn=proposal(Measure.State.WITHDRAWN),
    )


def proposal_data(organisation=None, **changes):
    """The proposal form, filled in (German and English)."""
    data = {
        "title_de": "Sprachcafé in der Stadtbibliothek",
        "summary_de": "Jeden Dienstag üben Neuzugewanderte mit Ehrenamtlichen Deutsch.",
        "goal_de": "Alltagsdeutsch üben, Kontakte knüpfen.",
        "steps_de": "Raum klären\n\n  Ehrenamtliche gewinnen  \nEinladung verteilen\n",
        "duration_de": "wöchentlich, 2 Stunden",
        "title_en": "Language café at the public library",
        "summary_en": "",
        "goal_en": "",
        "steps_en": "",
        "duration_en": "",
        "format": "encounter",
        "topics": ["cohesion", "access"],
        "target_groups": ["newcomers", "civil_society"],
        "effort": "low",
    }
    if organisation is not None:
        data["organisation"] = organisation.pk
    data.update(changes)
    return data
