import pytest
from django.core.management import call_command

from handschlag.needs.models import Need, Proposal
from handschlag.needs.reasons import reason_text


@pytest.mark.django_db
def test_the_demo_world_has_needs_with_proposals_and_loading_twice_changes_nothing():
    call_command("load_demo", verbosity=0)
    counts = (Need.objects.count(), Proposal.objects.count())
    call_command("load_demo", verbosity=0)
    assert counts == (Need.objects.count(), Proposal.objects.count())
    laptops = Need.objects.get(title="5 Laptops für ein Bewerbungstraining in Stralsund")
    proposal = Proposal.objects.get(need=laptops)
    assert proposal.promise.title == "Acht Laptops aus unserer Büroerneuerung"
    assert reason_text(proposal.reasons).startswith("gleiche Kategorie · am selben Ort · 8 von 8")
    assert Need.objects.filter(state=Need.State.PENDING).exists()
    assert Need.objects.open().count() >= 4
