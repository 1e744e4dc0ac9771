"""Every write on promises and redemptions. Other apps import from here."""

from ._common import promisers
from .promises import (
    RETURNABLE_STATES,
    approve_promise,
    copy_promise,
    create_promise,
    decline_open_applications,
    expire_promise,
    return_promise,
    submit_promise,
    update_promise,
    warn_of_expiry,
    withdraw_promise,
    withdraw_promises_of_leaving_user,
)
from .redemptions import (
    accept_application,
    apply_for_promise,
    decline_application,
    end_for_leaving_applicant,
    start_redemption,
    withdraw_application,
)
from .reports import (
    confirm_fulfilment,
    dispute_fulfilment,
    mark_report_published,
    resolve_dispute,
    return_report,
    submit_report,
)

__all__ = [
    "RETURNABLE_STATES",
    "accept_application",
    "apply_for_promise",
    "approve_promise",
    "confirm_fulfilment",
    "copy_promise",
    "create_promise",
    "decline_application",
    "decline_open_applications",
    "dispute_fulfilment",
    "end_for_leaving_applicant",
    "expire_promise",
    "mark_report_published",
    "promisers",
    "resolve_dispute",
    "return_promise",
    "return_report",
    "start_redemption",
    "submit_promise",
    "submit_report",
    "update_promise",
    "warn_of_expiry",
    "withdraw_application",
    "withdraw_promise",
    "withdraw_promises_of_leaving_user",
]
