"""The moderators' pages for the HTML check: queues, reviews with and without errors."""

from __future__ import annotations

from django.urls import reverse

from handschlag.moderation.models import AbuseReport
from handschlag.promises.models import Redemption

from .page import Page, UrlBuilder, at, need, nothing, person
from .world import PageWorld


def _abuse_on_promise(world: PageWorld) -> str:
    report = AbuseReport.objects.exclude(pk=world.message_report.pk).get()
    return reverse("moderation:abuse", args=[report.pk])


def _queue(queue: str) -> UrlBuilder:
    return lambda world: f"{reverse('moderation:dashboard')}?queue={queue}"


MODERATOR = [
    Page("moderation", person("moderator"), at("moderation:dashboard")),
    *(
        Page(f"moderation_{queue}", person("moderator"), _queue(queue))
        for queue in ("promises", "reports", "disputes", "abuse", "organisations", "needs")
    ),
    Page("moderation_log", person("moderator"), at("moderation:log")),
    Page(
        "promise_review",
        person("moderator"),
        lambda w: reverse("promises:review", args=[w.pending_promise().pk]),
    ),
    Page(
        "promise_review_errors",
        person("moderator"),
        lambda w: reverse("promises:review", args=[w.pending_promise().pk]),
        data=lambda w: {"decision": "return"},
    ),
    Page(
        "report_review",
        person("moderator"),
        lambda w: reverse("blog:review_report", args=[w.redemption(Redemption.State.CONFIRMED).pk]),
    ),
    Page(
        "report_review_errors",
        person("moderator"),
        lambda w: reverse("blog:review_report", args=[w.redemption(Redemption.State.CONFIRMED).pk]),
        data=lambda w: {"decision": "publish"},
    ),
    Page(
        "report_review_return_errors",
        person("moderator"),
        lambda w: reverse("blog:review_report", args=[w.redemption(Redemption.State.CONFIRMED).pk]),
        data=lambda w: {"decision": "return"},
    ),
    Page(
        "dispute_review",
        person("moderator"),
        lambda w: reverse(
            "promises:review_dispute", args=[w.redemption(Redemption.State.DISPUTED).pk]
        ),
    ),
    Page(
        "dispute_review_errors",
        person("moderator"),
        lambda w: reverse(
            "promises:review_dispute", args=[w.redemption(Redemption.State.DISPUTED).pk]
        ),
        data=nothing,
    ),
    Page("abuse_review", person("moderator"), _abuse_on_promise),
    Page("abuse_review_errors", person("moderator"), _abuse_on_promise, data=nothing),
    Page(
        "abuse_review_message",
        person("moderator"),
        lambda w: reverse("moderation:abuse", args=[w.message_report.pk]),
    ),
    Page(
        "reported_message",
        person("moderator"),
        lambda w: reverse("conversations:message", args=[w.message.pk]),
    ),
    Page(
        "need_review",
        person("moderator"),
        lambda w: reverse("needs:review", args=[need("Trikots").pk]),
    ),
    Page(
        "need_review_errors",
        person("moderator"),
        lambda w: reverse("needs:review", args=[need("Trikots").pk]),
        data=lambda w: {"decision": "return"},
    ),
    Page(
        "organisation_unverified",
        person("moderator"),
        lambda w: w.organisation("hanse_bau").get_absolute_url(),
    ),
    Page(
        "organisation_to_verify",
        person("moderator"),
        lambda w: w.requesting_organisation().get_absolute_url(),
    ),
    Page("blog_form", person("moderator"), at("blog:create")),
    Page("blog_form_errors", person("moderator"), at("blog:create"), data=nothing),
    Page(
        "blog_edit",
        person("moderator"),
        lambda w: reverse("blog:edit", args=[w.editorial_post().slug]),
    ),
]
