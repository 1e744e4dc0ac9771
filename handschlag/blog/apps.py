from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "handschlag.blog"
    label = "blog"
    verbose_name = _("Blog")

    def ready(self) -> None:
        """Plug into the kernel and into the promise page."""
        from handschlag.accounts.personal_data import personal_data
        from handschlag.audit.registry import AuditVerb, audit_verbs
        from handschlag.core.media import MediaArea, media_areas
        from handschlag.core.registry import PageSection
        from handschlag.core.versions import watch
        from handschlag.moderation.registry import (
            Decision,
            ModerationQueue,
            Reportable,
            moderation_queues,
            reportables,
        )
        from handschlag.notifications.registry import notification_kinds
        from handschlag.promises.registry import promise_sections

        from . import media, messages, privacy, selectors, services
        from .models import Post

        watch(Post)
        media_areas.register(MediaArea(prefix="reports/", visibility=media.report_photo_visibility))
        notification_kinds.register(messages.REPORT_PUBLISHED)
        notification_kinds.register(messages.REPORT_ON_PROMISE_PUBLISHED)
        audit_verbs.register(AuditVerb(services.WRITTEN, _("Beitrag geschrieben")))
        audit_verbs.register(AuditVerb(services.EDITED, _("Beitrag bearbeitet")))
        for key, label in (
            (services.PUBLISHED, _("Beitrag veröffentlicht")),
            (services.UNPUBLISHED, _("Beitrag zurückgezogen")),
            (services.REPORT_PUBLISHED, _("Bericht veröffentlicht")),
        ):
            audit_verbs.register(AuditVerb(key, label, moderation=True))
        moderation_queues.register(
            ModerationQueue(
                key="reports",
                label=_("Berichte zur Veröffentlichung"),
                items=selectors.reports_awaiting_publication,
                row_template="blog/rows/report.html",
                position=20,
            )
        )
        reportables.register(
            Reportable(
                key="post",
                label=_("Beitrag"),
                public=Post.objects.published,
                decisions=(
                    Decision(
                        key="unpublish_post",
                        label=_("Beitrag aus dem Blog nehmen"),
                        run=lambda post, by, comment: services.unpublish_post(
                            post=post, by=by, comment=comment
                        ),
                    ),
                ),
            )
        )
        personal_data.register_app("blog", export=privacy.export, erase=privacy.erase)
        promise_sections.register(
            PageSection(
                key="reports",
                title=_("Berichte"),
                template="blog/sections/promise_reports.html",
                context=selectors.promise_reports,
            )
        )
