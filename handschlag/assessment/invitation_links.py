"""The link of a partner's invitation to a round (answering_delegations.py): its token is an
HMAC, under the site's secret key, of a random nonce that the invitation's notification keeps
among its parameters. The delegation stores only the token's SHA-256; the notification kind
builds the link from the nonce whenever the mail goes out or the notification is shown. So no
row of the database holds a token, and a copy of the database without the key makes none."""

from __future__ import annotations

import base64
import hashlib

from django.urls import reverse
from django.utils.crypto import salted_hmac

TOKEN_SALT = "handschlag.assessment.invitation"  # noqa: S105 (a salt, not a secret)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_url(token: str) -> str:
    return reverse("assessment:invitation", args=[token])


def invitation_token(nonce: str) -> str:
    """The token of the invitation whose notification keeps `nonce`."""
    digest = salted_hmac(TOKEN_SALT, nonce, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def invitation_link(params: dict[str, str]) -> str:
    """The invitation's link, from its notification's parameters (the nonce)."""
    return invitation_url(invitation_token(params["invitation"]))
