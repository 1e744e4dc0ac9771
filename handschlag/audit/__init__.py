"""The audit log: one append-only table of who did what to which object, when.

Every service that changes something worth answering for writes one entry through
`audit.services.record`; each app registers its verbs in `audit.registry.audit_verbs`.
"""
