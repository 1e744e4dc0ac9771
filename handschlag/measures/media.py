"""Who may see a material file (`/media/measures/<measure id>/<name>`).

Registered with the kernel's media areas in `MeasuresConfig.ready()`. A material of a
published measure is public; one of a measure in any other state only for the people who may
see that measure (its proposers and moderators)."""

from __future__ import annotations

import re

from django.http import HttpRequest

from handschlag.core.media import Visibility

from .models import Material, Measure

# materials.stored_name: measures/<measure id>/<name>; the id fits a bigint.
_MATERIAL = re.compile(r"measures/(?P<measure>[1-9][0-9]{0,17})/[^/]+")


def material_visibility(request: HttpRequest, path: str) -> Visibility:
    match = _MATERIAL.fullmatch(path)
    if match is None:
        return Visibility.HIDDEN
    material = (
        Material.objects.filter(measure_id=int(match["measure"]), file=path)
        .select_related("measure__organisation")
        .first()
    )
    if material is None:
        return Visibility.HIDDEN
    if material.measure.state == Measure.State.PUBLISHED:
        return Visibility.PUBLIC
    if request.user.has_perm("measures.view", material.measure):
        return Visibility.PRIVATE
    return Visibility.HIDDEN
