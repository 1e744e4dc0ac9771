"""Print and share (#12, point 6): a guide page or a portal's (filtered) offer list as a PDF in
any portal language, with the QR code of its short link. Right-to-left languages get dir="rtl"
from core.pdf, Arabic and Farsi their fonts and their order."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from handschlag.core.pdf import render_pdf
from handschlag.core.qr import qr_svg

from . import keeping, public_selectors
from .filters import OfferFilters
from .models import GuidePage, GuideSection, Location, Portal, ShortLink
from .public_hours import Day, weekly_hours
from .translation import localize

PDF_CSS = """
.qr { inline-size: 35mm; block-size: 35mm; }
.qr svg { inline-size: 35mm; block-size: 35mm; }
.short-url { font-size: 9pt; }
"""


def short_url(link: ShortLink) -> str:
    return settings.SITE_URL.rstrip("/") + f"/k/{link.code}"


def guide_pdf(page: GuidePage, *, language: str, path: str) -> bytes:
    """The page in `language` (German where a section is not translated) as a PDF, with the
    QR code of the short link to `path` (the page on the site)."""
    sections = list(GuideSection.objects.filter(page=page).order_by("position", "pk"))
    localize([page, *sections], language)
    link = keeping.short_link_for(portal=page.topic.portal, path=path)
    url = short_url(link)
    with translation.override(language):
        body = render_to_string(
            "directory/print/guide_pdf.html",
            {"page": page, "sections": sections, "qr": qr_svg(url), "short_url": url},
        )
        title = page.localized["title"].text  # type: ignore[attr-defined]  # set by localize()
    return render_pdf(body, language=language, title=title, css=PDF_CSS)


# --- the offer list ----------------------------------------------------------------------------

MAX_LIST_OFFERS = 100  # a longer list is cut, and the PDF says so (a poster, not an export)

LIST_CSS = """
.offer { break-inside: avoid; border-block-end: 0.5pt solid #d3dae1; padding-block-end: 2mm; }
.offer h2 { font-size: 12.5pt; margin-block-start: 5mm; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.5mm 4mm; margin: 0; }
.facts dt { font-weight: bold; }
.facts dd { margin: 0; }
/* WeasyPrint lays grids out left to right whatever the direction: mirror the columns by hand
   (dense flow puts each dd beside its dt, on the same row) */
[dir="rtl"] .facts { grid-template-columns: 1fr max-content; grid-auto-flow: row dense; }
[dir="rtl"] .facts dt { grid-column: 2; }
[dir="rtl"] .facts dd { grid-column: 1; }
"""


@dataclass(frozen=True)
class PrintedPlace:
    """One place of an offer on paper: where, and its regular week."""

    location: Location
    week: list[Day]
    by_appointment: bool


def offer_list_pdf(*, portal: Portal, filters: OfferFilters, language: str, link_url: str) -> bytes:
    """The offers of `portal` that match `filters` (the reader's list, the first
    MAX_LIST_OFFERS) in `language`, each with its provider, places, hours, languages and
    contact, and the QR code of `link_url` (the list on the site). A constant number of
    queries, however many offers."""
    found = public_selectors.offer_list(portal=portal, filters=filters, language=language)
    offers = list(found[: MAX_LIST_OFFERS + 1])
    total = len(offers) if len(offers) <= MAX_LIST_OFFERS else found.count()
    offers = offers[:MAX_LIST_OFFERS]
    prefetch_related_objects(offers, "offer_locations__schedules")  # the places are fetched
    public_selectors.prepare_cards(offers, portal=portal, language=language, origin=filters.origin)
    today = timezone.localdate()
    for offer in offers:
        offer.printed_places = [  # type: ignore[attr-defined]
            PrintedPlace(row.location, weekly_hours(row.schedules.all(), today), row.by_appointment)
            for row in offer.offer_locations.all()
        ]
    with translation.override(language):
        title = _("Angebote in %(town)s") % {"town": portal.municipality.name}
        body = render_to_string(
            "directory/print/offer_list_pdf.html",
            {
                "title": title, "offers": offers, "total": total, "portal": portal,
                "ui_language": language, "qr": qr_svg(link_url), "short_url": link_url,
            },
        )  # fmt: skip
    return render_pdf(body, language=language, title=title, css=PDF_CSS + LIST_CSS)
