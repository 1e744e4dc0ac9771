from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from handschlag.core.models import TimeStampedModel


class Organisation(TimeStampedModel):
    class Kind(models.TextChoices):
        COMPANY = "company", _("Unternehmen")
        INITIATIVE = "initiative", _("Initiative")
        ASSOCIATION = "association", _("Verein / Verband")
        MUNICIPALITY = "municipality", _("Kommune")
        CARRIER = "carrier", _("Träger")
        FOUNDATION = "foundation", _("Stiftung")
        OTHER = "other", _("Sonstige")

    # Kinds that carry powers (a municipality edits its portal and runs its self-assessment, a
    # carrier coordinates mentoring): admins can only request them; a moderator grants them by
    # verifying the organisation, and they count only while it is verified.
    POWER_KINDS = frozenset({Kind.MUNICIPALITY, Kind.CARRIER})

    name = models.CharField(_("Name"), max_length=160)
    slug = models.SlugField(_("Kurzname"), max_length=180, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    requested_kind = models.CharField(
        _("beantragte Art"), max_length=20, choices=Kind.choices, blank=True
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    website = models.URLField(_("Website"), blank=True)
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("Ort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    is_verified = models.BooleanField(_("verifiziert"), default=False)
    verified_at = models.DateTimeField(_("verifiziert am"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="organisations"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", kwargs={"slug": self.slug})

    def acts_as(self, kind: str) -> bool:
        """True if the organisation holds `kind` with its powers: verified, for power kinds."""
        return self.kind == kind and (kind not in self.POWER_KINDS or self.is_verified)


class Membership(TimeStampedModel):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator:in")
        MEMBER = "member", _("Mitglied")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("Rolle"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    # The person's own consent to be shown as a contact person of the organisation (on its
    # page and, for a municipality, on the town's network page): set and withdrawn only by
    # the person (contacts.py); the consent time is kept as the record of it.
    contact_consented_at = models.DateTimeField(null=True, blank=True, editable=False)
    contact_function = models.CharField(
        _("Funktion"), max_length=120, blank=True,
        help_text=_("z. B. Integrationsbeauftragte:r, Koordination Ehrenamt"),
    )  # fmt: skip
    contact_email = models.EmailField(
        _("dienstliche E-Mail-Adresse für Anfragen"), blank=True,
        help_text=_(
            "Wird öffentlich gezeigt. Leer lassen, wenn Anfragen über die Organisation laufen "
            "sollen."
        ),
    )  # fmt: skip

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"


class JoinRequest(TimeStampedModel):
    """A person asks to join an organisation; an organisation admin decides."""

    class State(models.TextChoices):
        PENDING = "pending", _("offen")
        ACCEPTED = "accepted", _("angenommen")
        DECLINED = "declined", _("abgelehnt")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(_("Nachricht"), blank=True, max_length=1000)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Beitrittsanfrage")
        verbose_name_plural = _("Beitrittsanfragen")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=models.Q(state="pending"),
                name="one_pending_join_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"


class RoleGrant(TimeStampedModel):
    """A role beyond admin/member that a member holds, maybe for one object (a scope): e.g. the
    coordinator of one mentoring site, the translator of one portal. Roles are registered in
    organisations.roles; a grant belongs to a membership, so it ends when the membership does."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="grants")
    role = models.CharField(_("Rolle"), max_length=60)
    scope_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.CASCADE
    )
    scope_id = models.PositiveBigIntegerField(null=True, blank=True)
    scope = GenericForeignKey("scope_type", "scope_id")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("zusätzliche Rolle")
        verbose_name_plural = _("zusätzliche Rollen")
        # Two partial constraints rather than one with nulls_distinct=False, which SQLite
        # (development, tests) cannot enforce: a role once without scope, once per scope.
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "role"],
                condition=models.Q(scope_id__isnull=True),
                name="unique_unscoped_role_grant",
            ),
            models.UniqueConstraint(
                fields=["membership", "role", "scope_type", "scope_id"],
                condition=models.Q(scope_id__isnull=False),
                name="unique_scoped_role_grant",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership.user} @ {self.membership.organisation}: {self.role}"


def new_invitation_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(TimeStampedModel):
    """An organisation admin invites someone by email; the link works once, for that address."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("E-Mail-Adresse"))
    role = models.CharField(
        _("Rolle"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"
