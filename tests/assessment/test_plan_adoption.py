"""The town's adoption of a measure follows its plan: while an item of the measure is on
the plan (not dropped), the town page lists the measure under "Woran … arbeitet" and the
library among the towns that do it; dropping or deleting the last one ends it, bringing an
item back adopts the measure again."""

from django.urls import reverse

from handschlag.assessment import plans
from handschlag.assessment.models import PlanItem
from handschlag.measures.models import Adoption
from tests.measures.factories import texts

from .plan_helpers import measure_for

S = PlanItem.State


def _adopt(world, measure, title="Runder Tisch"):
    return plans.adopt_measure(
        municipality=world.municipality, organisation=world.organisation, measure=measure,
        by=world.admin, title=title,
    )  # fmt: skip


def _town_page(client, world):
    return client.get(reverse("municipality", args=[world.municipality.slug])).content.decode()


def test_dropping_the_last_item_of_a_measure_ends_the_adoption(client, world):
    measure = measure_for(title=texts("Runder Tisch Integration"))
    item = _adopt(world, measure)
    assert "Runder Tisch Integration" in _town_page(client, world)
    assert world.municipality.name in client.get(measure.get_absolute_url()).content.decode()

    plans.move_item(item=item, by=world.admin, to=S.DROPPED, comment="kein Personal")
    assert not Adoption.objects.exists()
    html = _town_page(client, world)
    assert "Runder Tisch Integration" not in html
    assert "hat noch keine Maßnahme aus dem Maßnahmenkoffer übernommen" in html
    library = client.get(measure.get_absolute_url()).content.decode()
    assert world.municipality.name not in library

    plans.move_item(item=item, by=world.admin, to=S.PLANNED)  # back on the plan
    adoption = Adoption.objects.get()
    assert (adoption.municipality, adoption.completed_at) == (world.municipality, None)
    assert "Runder Tisch Integration" in _town_page(client, world)


def test_the_adoption_stays_while_another_item_of_the_measure_is_on(world):
    measure = measure_for()
    first, second = _adopt(world, measure), _adopt(world, measure, title="Zweiter Anlauf")
    plans.move_item(item=first, by=world.admin, to=S.DROPPED)
    assert Adoption.objects.filter(measure=measure).exists()
    plans.move_item(item=second, by=world.admin, to=S.DONE)
    plans.move_item(item=first, by=world.admin, to=S.PLANNED)
    plans.move_item(item=first, by=world.admin, to=S.DROPPED)
    adoption = Adoption.objects.get()
    assert adoption.completed_at is not None  # the done one still counts


def test_a_dropped_item_of_another_measure_leaves_this_one_alone(world):
    kept, dropped = measure_for(), measure_for()
    _adopt(world, kept)
    plans.move_item(item=_adopt(world, dropped, title="Anderes"), by=world.admin, to=S.DROPPED)
    assert list(Adoption.objects.values_list("measure", flat=True)) == [kept.pk]


def test_deleting_the_last_item_ends_the_adoption_too(world):
    measure = measure_for()
    first, second = _adopt(world, measure), _adopt(world, measure, title="Zweiter Anlauf")
    first.delete()  # e.g. in the admin
    assert Adoption.objects.filter(measure=measure).exists()
    second.delete()
    assert not Adoption.objects.exists()


def test_deleting_the_plan_ends_its_adoptions(world):
    _adopt(world, measure_for())
    world.plan.delete()
    assert not Adoption.objects.exists()


def test_the_drop_page_says_the_measure_leaves_the_town_page(client, world):
    measure = measure_for(title=texts("Runder Tisch Integration"))
    first = _adopt(world, measure)
    client.force_login(world.admin)
    url = reverse("assessment:plan_item_move", args=[world.municipality.slug, first.pk, "dropped"])
    html = client.get(url).content.decode()
    assert "Es ist das letzte Vorhaben zur Maßnahme „Runder Tisch Integration“" in html
    _adopt(world, measure, title="Zweiter Anlauf")
    assert "Es ist das letzte Vorhaben" not in client.get(url).content.decode()
