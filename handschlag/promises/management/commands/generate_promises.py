"""Bulk-generate published promises for benchmarks (never for production data)."""

import datetime
import random

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from handschlag.accounts.models import User
from handschlag.places.models import Municipality
from handschlag.places.seed import ensure_seed_towns
from handschlag.promises.models import Category, Eligibility, Promise
from handschlag.promises.search import promise_document, write_index

WORDS = [
    "Tablets",
    "Fahrräder",
    "Praktikum",
    "Sprachcafé",
    "Raum",
    "Laptops",
    "Hausaufgabenhilfe",
    "Trikots",
    "Werkzeug",
    "Deutschkurs",
    "Mentoring",
    "Bewerbungstraining",
    "Nähmaschinen",
    "Führerschein",
    "Kita",
    "Ferienfreizeit",
]


class Command(BaseCommand):
    help = "Generate N published promises spread over the seed towns (benchmark data)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args: object, count: int, seed: int, **options: object) -> None:
        rng = random.Random(seed)
        towns: list[Municipality | None] = [*ensure_seed_towns(), None]
        owners = [
            User.objects.get_or_create(
                email=f"bench{i}@bench.handschlag.example", defaults={"first_name": f"Bench{i}"}
            )[0]
            for i in range(50)
        ]
        today = timezone.localdate()
        now = timezone.now()
        batch: list[Promise] = []
        with transaction.atomic():
            for i in range(count):
                word = rng.choice(WORDS)
                capacity = rng.randint(1, 5)
                batch.append(
                    Promise(
                        owner=rng.choice(owners),
                        municipality=rng.choice(towns),
                        category=rng.choice(Category.values),
                        title=f"{word} für die Integration vor Ort #{i}",
                        description=f"Wir bieten {word} an. " * 5,
                        condition="… jemand damit ein Angebot für Neuangekommene macht.",
                        report_requirements="Ein kurzer Bericht.",
                        quantity=capacity * 2,
                        remaining_quantity=capacity * 2,
                        capacity=capacity,
                        remaining_capacity=rng.randint(0, capacity),
                        eligibility=rng.choice(Eligibility.values),
                        state=Promise.State.PUBLISHED,
                        deadline=today + datetime.timedelta(days=rng.randint(-30, 365)),
                        published_at=now - datetime.timedelta(minutes=i),
                    )
                )
                batch[-1].search_text = promise_document(batch[-1])
                if len(batch) == 5000:
                    _save(batch)
            _save(batch)
        self.stdout.write(self.style.SUCCESS(f"Generated {count} promises."))


def _save(batch: list[Promise]) -> None:
    """Insert a batch, then index it for search (bulk_create sends no signals)."""
    Promise.objects.bulk_create(batch)
    write_index({promise.pk: promise.search_text for promise in batch})
    batch.clear()
