import pytest
from django.core.management import call_command

from handschlag.accounts.models import User
from handschlag.blog.models import Post
from handschlag.places.models import Municipality
from handschlag.promises.models import Promise, Redemption

SEED_TOWNS = {
    "Sonneberg", "Potsdam", "Stralsund", "Burgenlandkreis", "Torgau", "Pforzheim", "Kalletal",
    "Berlin",
}  # fmt: skip


@pytest.mark.django_db
def test_demo_world_is_alive_and_loading_it_twice_changes_nothing():
    call_command("load_demo", verbosity=0)
    counts = (User.objects.count(), Promise.objects.count(), Redemption.objects.count(),
              Post.objects.count())  # fmt: skip

    call_command("load_demo", verbosity=0)

    assert counts == (User.objects.count(), Promise.objects.count(),
                      Redemption.objects.count(), Post.objects.count())  # fmt: skip
    assert set(Municipality.objects.values_list("name", flat=True)) >= SEED_TOWNS
    assert Promise.objects.count() >= 20
    assert set(Promise.objects.values_list("state", flat=True)) == set(Promise.State.values)
    assert Promise.objects.open().count() >= 10
    towns_with_promises = set(
        Promise.objects.exclude(municipality=None).values_list("municipality__name", flat=True)
    )
    assert towns_with_promises >= SEED_TOWNS


@pytest.mark.django_db
def test_the_tablets_story_is_fulfilled_with_a_published_report_and_a_photo():
    call_command("load_demo", verbosity=0)
    tablets = Promise.objects.get(title="Zehn Tablets für eine Willkommensklasse")
    redemption = tablets.redemptions.get()
    post = Post.objects.get(redemption=redemption)

    assert redemption.state == Redemption.State.PUBLISHED
    assert redemption.photos.count() == 1 and redemption.photos.get().alt_text
    assert post.promise == tablets and post.published_at is not None
    assert tablets.remaining_capacity == 0
    assert tablets.copies.count() == 1


@pytest.mark.django_db
def test_capacity_counters_match_the_redemptions_that_hold_capacity():
    call_command("load_demo", verbosity=0)
    for promise in Promise.objects.prefetch_related("redemptions"):
        holding = [r for r in promise.redemptions.all() if r.state in Redemption.HOLDING_STATES]
        assert promise.remaining_capacity == promise.capacity - len(holding), promise.title
        assert promise.remaining_quantity == promise.quantity - sum(r.quantity for r in holding)


@pytest.mark.django_db
def test_every_demo_role_can_log_in(client):
    call_command("load_demo", verbosity=0)
    for email in [
        "moderation@demo.handschlag.example",
        "firma@demo.handschlag.example",
        "initiative@demo.handschlag.example",
        "kommune@demo.handschlag.example",
        "ehrenamt@demo.handschlag.example",
    ]:
        assert client.login(email=email, password="handschlag-demo"), email
        client.logout()
    assert User.objects.get(email="moderation@demo.handschlag.example").is_moderator
