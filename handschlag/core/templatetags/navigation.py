from django import template

from handschlag.core.navigation import NavEntry, entries_for

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_entries(context: dict) -> list[NavEntry]:
    """The navigation entries of feature apps that the reader sees (core/navigation.py):
    `{% nav_entries as entries %}`; no query for a person loaded for the request."""
    return entries_for(context.get("user"))
