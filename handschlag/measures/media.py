"""Who may see a material file (`/media/measures/…`).

Registered with the kernel's media areas in `MeasuresConfig.ready()`. Uploaded materials live
under measures/<measure id>/, the library's own under measures/library/ (library.py; one file
may serve several measures there). A file is public while one of its measures is published;
otherwise only for the people who may see one of its measures (proposers and moderators)."""

from __future__ import annotations

from django.http import HttpRequest

from handschlag.core.media import Visibility

from .models import Material, Measure


def material_visibility(request: HttpRequest, path: str) -> Visibility:
    materials = list(
        Material.objects.filter(file=path).select_related("measure__organisation")[:20]
    )
    if any(m.measure.state == Measure.State.PUBLISHED for m in materials):
        return Visibility.PUBLIC
    if any(request.user.has_perm("measures.view", m.measure) for m in materials):
        return Visibility.PRIVATE
    return Visibility.HIDDEN
