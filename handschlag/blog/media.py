"""Who may see a report photo (`/media/reports/<redemption>/<timestamp>.jpg`).

Registered with the kernel's media areas in `BlogConfig.ready()`: the blog decides what is
public. A photo is public while its report is published in the blog (a post taken off the
blog takes its photos with it); otherwise only the people who may see the redemption do: the
redeemer (applicant and current members of the redeeming organisation), the promisers and
moderators.
"""

from __future__ import annotations

import re

from django.http import HttpRequest

from handschlag.core.media import Visibility
from handschlag.promises.models import ReportPhoto

from .models import Post

# report_photo_path: reports/<redemption id>/<timestamp>.jpg; the id fits a bigint.
_REPORT_PHOTO = re.compile(r"reports/(?P<redemption>[1-9][0-9]{0,17})/[^/]+")


def report_photo_visibility(request: HttpRequest, path: str) -> Visibility:
    match = _REPORT_PHOTO.fullmatch(path)
    if match is None:
        return Visibility.HIDDEN
    photo = (
        ReportPhoto.objects.filter(redemption_id=int(match["redemption"]), image=path)
        .select_related("redemption__promise__organisation", "redemption__organisation")
        .first()
    )
    if photo is None:
        return Visibility.HIDDEN
    redemption = photo.redemption
    if Post.objects.published().filter(redemption=redemption).exists():
        return Visibility.PUBLIC
    if request.user.has_perm("promises.view_redemption", redemption):
        return Visibility.PRIVATE
    return Visibility.HIDDEN
