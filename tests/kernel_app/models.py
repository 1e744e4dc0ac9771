"""A tiny feature: workshops with seats that people book. Test-only: installed by
tests/settings.py, its migration runs only in test databases."""

from django.conf import settings
from django.db import models


class Workshop(models.Model):
    title = models.CharField(max_length=100)
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.CASCADE
    )
    seats = models.IntegerField(default=1)
    # A plain integer on purpose: no database CHECK stops it going negative, so only the
    # capacity guard keeps it within bounds (tests/kernel/test_capacity.py).
    seats_left = models.IntegerField(default=1)
    public = models.BooleanField(default=True)
    cancelled = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/werkstatt/{self.pk}/"


class Booking(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="bookings")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    note = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self.person_id} → {self.workshop_id}"
