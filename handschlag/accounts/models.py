from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("is_moderator", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Email is the login; the public sees only "first name + initial"."""

    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    first_name = models.CharField(_("Vorname"), max_length=80, blank=True)
    last_name = models.CharField(_("Nachname"), max_length=80, blank=True)
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("Wohnort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    preferred_language = models.CharField(_("Sprache für E-Mails"), max_length=10, default="de")
    is_moderator = models.BooleanField(_("Moderator:in"), default=False)
    is_staff = models.BooleanField(_("Zugang zur Verwaltung"), default=False)
    is_active = models.BooleanField(_("aktiv"), default=True)
    date_joined = models.DateTimeField(_("registriert am"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        """What strangers may see: first name and initial, never the email address."""
        if not self.first_name:
            return self.anonymous_name
        initial = f" {self.last_name[0]}." if self.last_name else ""
        return f"{self.first_name}{initial}"

    @property
    def anonymous_name(self) -> str:
        """How the person appears once their account is deleted (or before they gave a name)."""
        return str(_("Mitglied #%(id)s") % {"id": self.pk})

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.email

    def get_short_name(self) -> str:
        return self.first_name or self.email
