import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from handschlag.organisations.models import Membership
from tests import factories


@pytest.fixture
def promise(db):
    return factories.PromiseFactory()


@pytest.fixture
def org_member(db):
    return factories.MembershipFactory(role=Membership.Role.MEMBER)


@pytest.fixture
def org_admin(db):
    return factories.MembershipFactory(role=Membership.Role.ADMIN)


def jpeg_with_gps(name: str = "foto.jpg", size: tuple[int, int] = (60, 40)) -> SimpleUploadedFile:
    """A small JPEG that carries EXIF with a GPS position, like a phone photo."""
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (50.0, 21.0, 0.0)
    gps[3] = "E"
    gps[4] = (11.0, 10.0, 0.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def redemption_in(state, **kwargs):
    """A redemption in `state` whose promise holds capacity consistently with it."""
    from handschlag.promises.models import Redemption

    redemption = factories.RedemptionFactory(state=state, **kwargs)
    if state in Redemption.HOLDING_STATES:
        promise = redemption.promise
        promise.remaining_capacity -= 1
        promise.remaining_quantity -= redemption.quantity
        promise.save()
    return redemption
