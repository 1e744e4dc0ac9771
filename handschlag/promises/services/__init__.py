"""Every write on promises and redemptions. Other apps import from here."""

from .promises import (
    approve_promise,
    copy_promise,
    create_promise,
    decline_open_applications,
    return_promise,
    submit_promise,
    update_promise,
    withdraw_promise,
    withdraw_promises_of_leaving_user,
)
from .redemptions import (
    accept_application,
    apply_for_promise,
    decline_application,
    start_redemption,
    withdraw_application,
)
from .reports import (
    anonymise_reports_of,
    confirm_fulfilment,
    dispute_fulfilment,
    publish_report,
    resolve_dispute,
    return_report,
    submit_report,
)

__all__ = [
    "accept_application",
    "anonymise_reports_of",
    "apply_for_promise",
    "approve_promise",
    "confirm_fulfilment",
    "copy_promise",
    "create_promise",
    "decline_application",
    "decline_open_applications",
    "dispute_fulfilment",
    "publish_report",
    "resolve_dispute",
    "return_promise",
    "return_report",
    "start_redemption",
    "submit_promise",
    "submit_report",
    "update_promise",
    "withdraw_application",
    "withdraw_promise",
    "withdraw_promises_of_leaving_user",
]
