from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class FederalState(models.TextChoices):
    BW = "BW", _("Baden-Württemberg")
    BY = "BY", _("Bayern")
    BE = "BE", _("Berlin")
    BB = "BB", _("Brandenburg")
    HB = "HB", _("Bremen")
    HH = "HH", _("Hamburg")
    HE = "HE", _("Hessen")
    MV = "MV", _("Mecklenburg-Vorpommern")
    NI = "NI", _("Niedersachsen")
    NW = "NW", _("Nordrhein-Westfalen")
    RP = "RP", _("Rheinland-Pfalz")
    SL = "SL", _("Saarland")
    SN = "SN", _("Sachsen")
    ST = "ST", _("Sachsen-Anhalt")
    SH = "SH", _("Schleswig-Holstein")
    TH = "TH", _("Thüringen")


# The first two digits of the official municipality key (AGS) name the federal state.
STATE_BY_AGS_PREFIX = {
    "01": FederalState.SH, "02": FederalState.HH, "03": FederalState.NI, "04": FederalState.HB,
    "05": FederalState.NW, "06": FederalState.HE, "07": FederalState.RP, "08": FederalState.BW,
    "09": FederalState.BY, "10": FederalState.SL, "11": FederalState.BE, "12": FederalState.BB,
    "13": FederalState.MV, "14": FederalState.SN, "15": FederalState.ST, "16": FederalState.TH,
}  # fmt: skip


class Municipality(models.Model):
    """A German municipality (Gemeinde) or district, identified by its official key (AGS)."""

    name = models.CharField(_("Name"), max_length=120)
    slug = models.SlugField(_("Kurzname"), max_length=140, unique=True)
    ags = models.CharField(_("Amtlicher Gemeindeschlüssel"), max_length=8, unique=True)
    state = models.CharField(_("Bundesland"), max_length=2, choices=FederalState.choices)
    latitude = models.FloatField(_("Breitengrad"))
    longitude = models.FloatField(_("Längengrad"))
    population = models.PositiveIntegerField(_("Einwohnerzahl"), default=0)
    # The date the population refers to ("Stand 31.12.2025"), when it is known: given by the
    # town's administration (assessment/population.py); an imported number has none.
    population_as_of = models.DateField(_("Stand der Einwohnerzahl"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")
        indexes = [models.Index(fields=["latitude", "longitude"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90)
                & models.Q(longitude__gte=-180, longitude__lte=180),
                name="municipality_coordinates_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """The town's page (mounted by the site, which gathers every part there)."""
        return reverse("municipality", args=[self.slug])
