"""Permissions of the moderation pages (django-rules, checked with `has_perm`)."""

import rules

from handschlag.accounts.rules import is_active_user, is_moderator

rules.add_perm("moderation.view_queues", is_moderator)
rules.add_perm("moderation.view_log", is_moderator)
rules.add_perm("moderation.decide_abuse_report", is_moderator)
rules.add_perm("moderation.report_abuse", is_active_user)
