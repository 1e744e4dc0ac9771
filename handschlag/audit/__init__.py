"""The audit log: one append-only table of who did what to which object, when.

Every service that changes something worth answering for writes one entry through
`audit.services.record`; each app registers its verbs in `audit.registry.audit_verbs`. The
transitions of a state machine (a redemption accepted, a promise expired) are recorded next to
the object, in core's StateChange history (`core.history.state_history`); the audit log holds
every other write and every decision of a moderator.
"""
