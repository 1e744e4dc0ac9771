"""The reader's side: guide images under /media/directory/ are public while their page is
(published, in a published portal), private for the people who edit the portal's guides, and
hidden from everyone else."""

from __future__ import annotations

from django.http import HttpRequest

from handschlag.core.media import MediaArea, Visibility, media_areas


def guide_image_visibility(request: HttpRequest, path: str) -> Visibility:
    from ..models import GuideSection

    sections = list(
        GuideSection.objects.filter(image=path).select_related("page__topic__portal")[:20]
    )
    for section in sections:
        page = section.page
        if page.published_at is not None and page.topic.portal.is_published:
            return Visibility.PUBLIC
    user = request.user
    if user.is_authenticated and any(user.has_perm("directory.edit_guides", s) for s in sections):
        return Visibility.PRIVATE
    return Visibility.HIDDEN


def ready() -> None:
    media_areas.register(MediaArea(prefix="directory/", visibility=guide_image_visibility))
