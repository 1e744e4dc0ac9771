"""Signals of the places app, for the layers above (places imports none of them)."""

from django.dispatch import Signal

# Sent with `ids` (municipality primary keys) when municipalities got new names in a bulk
# import, which saves no model instance: whatever indexes the names (search) renews them.
municipalities_renamed = Signal()
