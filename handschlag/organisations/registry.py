"""Sections of an organisation's page contributed by other apps (its promises, its events, …).

Organisations sit below the feature apps, so the page cannot ask them; each app registers a
core.registry.PageSection here in its `AppConfig.ready()`.
"""

from handschlag.core.registry import PageSections

organisation_sections = PageSections("organisation page sections")
