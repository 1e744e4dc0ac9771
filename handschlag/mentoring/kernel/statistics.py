"""The statistics part's registrations with the kernel: the audit verb of the funder report's
export, and the "Zahlen" section of a site's coordination page (three key numbers and the
way to the site's dashboard)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def site_numbers(site: Any, user: Any) -> dict[str, Any] | None:
    """Running tandems, waiting mentees and free mentor places of the site (one query), for
    the people who may open its dashboard."""
    from ..charts import number
    from ..models import Site
    from ..statistics import with_figures

    if not user.has_perm("mentoring.view_site", site):
        return None
    figures = (
        with_figures(Site.objects.filter(pk=site.pk), "site")
        .values("running", "waiting", "free")
        .get()
    )
    return {
        "running": number(figures["running"]),
        "waiting": number(figures["waiting"]),
        "free_places": number(figures["free"]),
        "url": reverse("mentoring:statistics_site", args=[site.slug]),
    }


def ready() -> None:
    from handschlag.audit.registry import AuditVerb, audit_verbs
    from handschlag.core.registry import PageSection

    from ..funder_report import EXPORTED
    from ..registry import site_sections

    audit_verbs.register(AuditVerb(EXPORTED, _("Förderbericht heruntergeladen")))
    site_sections.register(
        PageSection(
            key="statistics",
            title=_("Zahlen"),
            template="mentoring/statistics/section_site.html",
            context=site_numbers,
        )
    )
