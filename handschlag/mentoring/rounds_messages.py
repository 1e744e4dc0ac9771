"""What confirming a matching round notifies about, rendered in each reader's language at send
time. Parameters: "mentor" (the mentor's public name), "mentee" (the mentee's first name),
"site" (the site's name), "contact" (how to reach the site's coordination, may be empty).

The mentor's text speaks to a volunteer; the mentee's is in plain language (short sentences,
no technical words): many mentees read German or English as a second language."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handschlag.notifications.registry import NotificationKind

MENTORING = gettext_lazy("Mentoring")

TANDEM_FOR_MENTOR = NotificationKind(
    key="mentoring.tandem_proposed_mentor",
    group=MENTORING,
    label=gettext_lazy("Die Koordination hat ein Tandem für mich vorgeschlagen"),
    title=lambda p: _("Ein Tandem für Sie: %(mentee)s") % p,
    body=lambda p: (
        _(
            "Die Koordination von %(site)s bringt Sie mit %(mentee)s zusammen. Sie meldet sich "
            "bei Ihnen, um das erste Treffen zu verabreden."
        )
        % p
        + (" " + _("Kontakt zur Koordination: %(contact)s") % p if p.get("contact") else "")
    ),
)
TANDEM_FOR_MENTEE = NotificationKind(
    key="mentoring.tandem_proposed_mentee",
    group=MENTORING,
    label=gettext_lazy("Die Koordination hat eine Begleitung für mich gefunden"),
    title=lambda p: _("Wir haben eine Begleitung für Sie gefunden") % p,
    body=lambda p: (
        _(
            "Gute Nachricht: %(mentor)s möchte Sie begleiten. Die Koordination von %(site)s "
            "meldet sich bei Ihnen. Dann verabreden Sie das erste Treffen."
        )
        % p
        + (" " + _("Fragen? %(contact)s") % p if p.get("contact") else "")
    ),
)

KINDS = (TANDEM_FOR_MENTOR, TANDEM_FOR_MENTEE)
