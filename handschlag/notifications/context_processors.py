from django.http import HttpRequest

from .models import Notification


def unread_count(request: HttpRequest) -> dict[str, int]:
    """How many unread notifications the visitor has: no query at all for anonymous visitors,
    one indexed count (recipient, read_at) for logged-in users."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    return {"unread_notifications": count}
