"""The statistics part's registrations with the kernel: the audit verb of the funder report's
export, the "Zahlen" section of a site's coordination page (three key numbers and the way to
the site's dashboard), and the signals that keep the summary tables exact
(statistics_figures.connect)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def site_numbers(site: Any, user: Any) -> dict[str, Any] | None:
    """Running tandems, waiting mentees and free mentor places of the site (one query, from
    the summary table), for the people who may open its dashboard."""
    from ..charts import number
    from ..models import SiteFigures

    if not user.has_perm("mentoring.view_site", site):
        return None
    figures = SiteFigures.objects.filter(site=site).first() or SiteFigures(site=site)
    return {
        "running": number(figures.active + figures.paused),
        "waiting": number(figures.waiting),
        "free_places": number(figures.free_places),
        "url": reverse("mentoring:statistics_site", args=[site.slug]),
    }


def ready() -> None:
    from handschlag.audit.registry import AuditVerb, audit_verbs
    from handschlag.core.registry import PageSection

    from .. import statistics_figures
    from ..funder_report import EXPORTED
    from ..registry import site_sections

    statistics_figures.connect()
    audit_verbs.register(AuditVerb(EXPORTED, _("Förderbericht heruntergeladen")))
    site_sections.register(
        PageSection(
            key="statistics",
            title=_("Zahlen"),
            template="mentoring/statistics/section_site.html",
            context=site_numbers,
        )
    )
