"""The moderator's edit form of a report, as POST data (blog:review_report)."""

from __future__ import annotations

from typing import Any

from handschlag.promises.models import Redemption
from handschlag.promises.services import ReportContent
from tests.promises.report_data import CONTENT


def edit_data(redemption: Redemption | None = None, decision: str = "publish", **changes: Any):
    """The form as the page shows it for `redemption` (or the standard report), changed by
    `changes` and sent with `decision` (preview, save, publish)."""
    content = ReportContent.of(redemption) if redemption is not None else CONTENT
    data: dict[str, Any] = {
        "title": content.title or CONTENT.title,
        "lead": content.lead or CONTENT.lead,
        "happened": content.happened or CONTENT.happened,
        "worked": content.worked or CONTENT.worked,
        "differently": content.differently or CONTENT.differently,
        "advice": content.advice or CONTENT.advice,
        "decision": decision,
    }
    if redemption is not None:
        for photo in redemption.photos.all():
            data[f"alt_{photo.pk}"] = photo.alt_text or "Ein Foto"
    data.update(changes)
    return data
