"""Short links /k/<code>: only paths of this site."""

from __future__ import annotations

import pytest

from handschlag.core.errors import DomainError
from handschlag.directory import keeping
from handschlag.directory.models import ShortLink

pytestmark = pytest.mark.django_db


def test_redirects_to_stored_path(client, portal):
    link = keeping.short_link_for(portal=portal, path="/portal/x/angebote/?thema=sprache")
    assert keeping.short_link_for(portal=portal, path=link.path) == link
    response = client.get(f"/k/{link.code}")
    assert response.status_code == 302
    assert response["Location"] == "/portal/x/angebote/?thema=sprache"


@pytest.mark.parametrize(
    "path",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "evil",
        "/\t/evil.example",
        " //evil.example",
    ],
)
def test_external_targets_refused(client, portal, path):
    with pytest.raises(DomainError):
        keeping.short_link_for(portal=portal, path=path)
    # even a row written around the service does not redirect off-site
    link = ShortLink.objects.create(portal=portal, path=path)
    assert client.get(f"/k/{link.code}").status_code == 404


def test_unknown_code(client, db):
    assert client.get("/k/nichtda").status_code == 404
