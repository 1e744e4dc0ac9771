from django.core.management import call_command
from django.core.management.base import BaseCommand

from handschlag.site.demo.data import DEMO_PASSWORD, PEOPLE
from handschlag.site.demo.directory import PEOPLE as DIRECTORY_PEOPLE
from handschlag.site.demo.loader import load_demo
from handschlag.site.demo.mentoring import PEOPLE as MENTORING_PEOPLE


class Command(BaseCommand):
    help = "Load the demo world (seed towns, demo accounts, promises, reports). Idempotent."

    def handle(self, *args: object, **options: object) -> None:
        # all ~11,000 municipalities when `make data` fetched them (fast when unchanged)
        call_command("load_municipalities", if_present=True, stdout=self.stdout, stderr=self.stderr)
        created = load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data ready ({promises} new promises, {redemptions} new redemptions, "
                "{posts} new posts, {measures} new measures).".format(**created)
            )
        )
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for key, email, *_rest in (*PEOPLE, *MENTORING_PEOPLE, *DIRECTORY_PEOPLE):
            self.stdout.write(f"  {key:<20} {email}")
