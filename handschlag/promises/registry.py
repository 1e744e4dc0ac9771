"""Sections of a promise's page contributed by apps above promises (the blog's reports).

Each app registers a core.registry.PageSection here in its `AppConfig.ready()`.
"""

from handschlag.core.registry import PageSections

promise_sections = PageSections("promise page sections")
