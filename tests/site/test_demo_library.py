import pytest
from django.core.management import call_command

from handschlag.assessment.models import Framework, Question
from handschlag.measures.library import DEFAULT_FILE, read_json
from handschlag.measures.models import Material, Measure
from handschlag.site.demo.library import load_library


@pytest.mark.django_db
def test_the_demo_has_the_measures_library_and_the_framework_and_loads_them_once():
    call_command("load_demo", verbosity=0)

    assert Measure.objects.filter(state=Measure.State.PUBLISHED).count() == len(
        read_json(DEFAULT_FILE)["measures"]
    )
    assert Material.objects.count() >= 5
    framework = Framework.objects.get(key="weltoffene-kommune", version=1)
    assert framework.published and framework.areas.count() == 7
    counts = (Measure.objects.count(), Material.objects.count(), Question.objects.count())

    new_measures, again = load_library()  # what the next `make run` does

    assert (new_measures, again.pk) == (0, framework.pk)
    assert counts == (Measure.objects.count(), Material.objects.count(), Question.objects.count())
