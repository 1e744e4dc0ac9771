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

# The promisers did not write the report: they are told whose report about their promise it is.
REPORT_ON_PROMISE_PUBLISHED = NotificationKind(
    key="blog.report_on_promise_published",
    group=gettext_lazy("Blog"),
    label=gettext_lazy("Ein Bericht zu meinem Versprechen wurde veröffentlicht"),
    title=lambda p: (
        _("Der Bericht von %(name)s zu Ihrem Versprechen „%(promise)s“ ist im Blog veröffentlicht")
        % p
    ),
)
