"""What the blog notifies about."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handschlag.notifications.registry import NotificationKind

REPORT_PUBLISHED = NotificationKind(
    key="blog.report_published",
    group=gettext_lazy("Blog"),
    label=gettext_lazy("Mein Bericht wurde veröffentlicht"),
    title=lambda p: _("Ihr Bericht zu „%(promise)s“ ist im Blog veröffentlicht") % p,
)
