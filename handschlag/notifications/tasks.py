from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Notification
from .registry import attachment_of
from .services import wants_email


def _footer(notification: Notification) -> str:
    if notification.recipient is None:
        return _(
            "Sie bekommen diese E-Mail, weil Ihre Adresse bei Handschlag angegeben wurde. "
            "Sie haben kein Konto bei uns."
        )
    return _("Welche E-Mails Sie bekommen, stellen Sie hier ein: %(url)s") % {
        "url": f"{settings.SITE_URL}/benachrichtigungen/einstellungen/"
    }


def _greeting(notification: Notification) -> str:
    """Gender-neutral: the name as the person gave it, or none (no "Frau"/"Herr" guessed)."""
    recipient = notification.recipient
    name = f"{recipient.first_name} {recipient.last_name}".strip() if recipient else ""
    return _("Guten Tag %(name)s,") % {"name": name} if name else _("Guten Tag,")


def _body(notification: Notification) -> str:
    path = notification.link  # built at send time where it carries a secret (registry.py)
    link = f"{settings.SITE_URL}{path}" if path else settings.SITE_URL
    parts = [
        _greeting(notification),
        notification.body,
        _("Hier geht es weiter: %(url)s") % {"url": link},
        _("Viele Grüße\nIhr Handschlag-Team"),
        "-- \n" + _footer(notification),
    ]
    return "\n\n".join(part for part in parts if part)


@task()
def send_notification_email(notification_id: int) -> bool:
    """Mail one notification, once, in the recipient's language; True if a mail was sent."""
    notification = (
        Notification.objects.select_related("recipient")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None:
        return False
    recipient = notification.recipient
    if recipient is not None and not wants_email(user=recipient, kind=notification.kind):
        return False
    address = recipient.email if recipient is not None else notification.email
    language = (
        recipient.preferred_language if recipient is not None else notification.language
    ) or settings.LANGUAGE_CODE
    with translation.override(language):
        mail = EmailMessage(
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{notification.title}",
            body=_body(notification),
            to=[address],
        )
        attachment = attachment_of(notification.kind, notification.params or {})
        if attachment is not None:
            mail.attach(*attachment)
        mail.send()
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True
