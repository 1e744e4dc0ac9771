from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Notification
from .services import wants_email


@task()
def send_notification_email(notification_id: int) -> bool:
    """Mail one notification, once, in the recipient's language; True if a mail was sent."""
    notification = (
        Notification.objects.select_related("recipient")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None or not wants_email(user=notification.recipient, kind=notification.kind):
        return False
    recipient = notification.recipient
    with translation.override(recipient.preferred_language):
        link = f"{settings.SITE_URL}{notification.url}" if notification.url else settings.SITE_URL
        body = "\n\n".join(
            part
            for part in [
                notification.body,
                link,
                _("Welche E-Mails Sie bekommen, stellen Sie hier ein: %(url)s")
                % {"url": f"{settings.SITE_URL}/benachrichtigungen/einstellungen/"},
            ]
            if part
        )
        send_mail(
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{notification.title}",
            message=body,
            from_email=None,
            recipient_list=[recipient.email],
        )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True
