from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from handschlag.core.models import TimeStampedModel
from handschlag.promises.models import REPORT_SECTIONS


class PostQuerySet(models.QuerySet["Post"]):
    def published(self) -> PostQuerySet:
        return self.filter(published_at__isnull=False, published_at__lte=timezone.now())


class Post(TimeStampedModel):
    """A blog post: a best-practice report from a redemption, or an editorial post."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Praxisbericht")
        EDITORIAL = "editorial", _("Redaktion")

    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname"), max_length=220, unique=True)
    teaser = models.CharField(_("Anreißer"), max_length=400, blank=True)
    body = models.TextField(_("Text"))
    # A report's sections, [{"key": "happened", "text": …}, …] with keys from
    # promises.models.REPORT_SECTIONS; shown with their headings instead of `body`, which then
    # holds the same texts as plain text (API, search).
    sections = models.JSONField(_("Abschnitte"), default=list, blank=True)
    promise = models.ForeignKey(
        "promises.Promise",
        verbose_name=pgettext_lazy("singular", "Versprechen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
    )
    redemption = models.OneToOneField(
        "promises.Redemption", null=True, blank=True, on_delete=models.SET_NULL, related_name="post"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Shown instead of a person's name: an organisation, or "first name + initial".
    byline = models.CharField(_("Autor:in"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("Beitrag")
        verbose_name_plural = _("Beiträge")
        indexes = [models.Index(fields=["-published_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def section_items(self) -> list[tuple[str, str, str]]:
        """The report's filled sections as (key, heading, text), in the order of
        REPORT_SECTIONS; unknown keys are left out."""
        texts = {
            item.get("key"): str(item.get("text") or "")
            for item in self.sections or []
            if isinstance(item, dict)
        }
        return [
            (section.key, str(section.heading), texts[section.key])
            for section in REPORT_SECTIONS
            if texts.get(section.key, "").strip()
        ]

    @property
    def section_list(self) -> list[tuple[str, str]]:
        """The report's sections as (heading, text), for the templates."""
        return [(heading, text) for _key, heading, text in self.section_items]

    def get_absolute_url(self) -> str:
        return reverse("blog:detail", kwargs={"slug": self.slug})
