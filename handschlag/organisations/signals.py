"""What happens in organisations, for the kernel services above them (notifications).

Organisations sit below notifications in the layers, so they announce instead of notifying;
every signal is sent inside the transaction of the service that sends it.
"""

from django.dispatch import Signal

# join_request: JoinRequest
join_requested = Signal()
# invitation: Invitation (its address may have no account yet), by: User
invited = Signal()
# join_request: JoinRequest, accepted: bool
join_request_decided = Signal()
# organisation: Organisation, user: User (the person removed), by: User
member_removed = Signal()
# membership: Membership, previous_role: str, by: User
role_changed = Signal()
# organisation: Organisation, by: User, verified: bool
verification_changed = Signal()
