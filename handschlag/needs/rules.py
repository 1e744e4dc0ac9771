"""Object permissions for needs and proposals (django-rules), checked with `has_perm`.

Power over a need lies with the current members of its organisation (any role): a person
removed from the organisation a moment ago has none left. The promise side of a proposal is
whoever answers for the promise (`promises.rules.is_promiser`). Permissions: "needs.<action>".
"""

from __future__ import annotations

from typing import Any

import rules

from handschlag.accounts.rules import is_active_user, is_moderator
from handschlag.organisations.rules import is_org_member
from handschlag.promises.rules import is_promiser

from .models import Need


@rules.predicate
def is_need_member(user: Any, need: Any) -> bool:
    """A current member of the organisation that posted the need."""
    return need is not None and bool(is_org_member(user, need.organisation))


@rules.predicate
def is_public_need(user: Any, need: Any) -> bool:
    return need is not None and need.state in Need.PUBLIC_STATES


@rules.predicate
def is_open_need(user: Any, need: Any) -> bool:
    return need is not None and need.is_open


@rules.predicate
def is_proposal_need_member(user: Any, proposal: Any) -> bool:
    return proposal is not None and bool(is_need_member(user, proposal.need))


@rules.predicate
def is_proposal_promiser(user: Any, proposal: Any) -> bool:
    return proposal is not None and bool(is_promiser(user, proposal.promise))


rules.add_perm("needs.create_need", is_active_user)
rules.add_perm("needs.view_need", is_public_need | is_moderator | is_need_member)
rules.add_perm("needs.edit_need", is_need_member)
rules.add_perm("needs.withdraw_need", is_need_member)
rules.add_perm("needs.close_need", is_need_member)
rules.add_perm("needs.review_need", is_moderator)
rules.add_perm("needs.find_promises", is_need_member & is_open_need)
rules.add_perm("needs.view_proposals", is_need_member | is_moderator)
rules.add_perm("needs.promise_for_need", is_active_user & is_open_need & ~is_need_member)
rules.add_perm("needs.apply_from_proposal", is_proposal_need_member)
rules.add_perm("needs.decline_proposal", is_proposal_need_member | is_proposal_promiser)
