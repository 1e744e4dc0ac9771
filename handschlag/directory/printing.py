"""Print and share (#12, point 7): a guide page as a PDF in any portal language, with the QR code
of its short link. Right-to-left languages get dir="rtl" from core.pdf."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from handschlag.core.pdf import render_pdf
from handschlag.core.qr import qr_svg

from . import keeping
from .models import GuidePage, GuideSection, ShortLink
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
