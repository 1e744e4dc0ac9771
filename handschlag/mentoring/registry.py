"""Sections that the parts of mentoring contribute to shared pages: a site's coordination page
and a person's own mentoring page ("Mein Mentoring")."""

from __future__ import annotations

from handschlag.core.registry import PageSections

site_sections = PageSections("mentoring site page sections")
"""Sections of a site's coordination page; `context(site, user)`."""

my_sections = PageSections("my mentoring page sections")
"""Sections of "Mein Mentoring"; `context(user, user)`."""
