"""Which texts newcomers read: the sources whose strings must be translated into every
newcomer language (settings.LANGUAGES beyond German and English).

One place for the whole platform. A catalogue entry is newcomer-facing when one of its source
references ("#: path:line" in the .po) matches one of these patterns; the test
tests/core/test_newcomer_catalogues.py lists, per language, every such entry that is still
untranslated or fuzzy, and scripts/newcomer_messages.py dumps them for translators and applies
their translations. Pages only staff use (coordination, moderation, statistics, a
municipality's self-assessment) may stay German and English.

Patterns are shell-style, relative to the repository root; `*` also matches across folders
(`handschlag/directory/*` is all of the portal). Name a file where a module mixes what
newcomers and staff read, a folder where all of it is for newcomers.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Any

NEWCOMER_SOURCES: tuple[str, ...] = (
    # the frame of every page: header with the language switcher, footer, messages, errors,
    # privacy and imprint; the home page and a town's page, where a newcomer arrives
    "config/settings.py",  # the names of the interface languages
    "handschlag/core/templates/*",
    "handschlag/core/views.py",  # the error pages
    "handschlag/core/errors.py",
    "handschlag/core/models.py",  # "not possible in this state"
    "handschlag/core/languages.py",  # language names in forms and lists
    "handschlag/core/units.py",
    "handschlag/core/widgets.py",
    "handschlag/core/pagination.py",
    "handschlag/core/paging.py",
    "handschlag/site/templates/site/home.html",
    "handschlag/site/templates/site/municipality.html",
    # signing up and in (allauth's own strings come with allauth's catalogues)
    "handschlag/accounts/templates/account/*",
    "handschlag/accounts/templates/allauth/*",
    "handschlag/accounts/forms.py",
    "handschlag/accounts/adapter.py",
    # the place picker newcomers type their town into, with the states' names
    "handschlag/places/forms.py",
    "handschlag/places/models.py",
    "handschlag/places/templates/places/includes/*",
    "handschlag/places/templates/places/widgets/*",
    # emails: the frame of every notification mail, and what mentees are sent
    "handschlag/notifications/tasks.py",
    "handschlag/notifications/registry.py",
    "handschlag/mentoring/joining_messages.py",
    "handschlag/mentoring/rounds_messages.py",
    "handschlag/mentoring/tandem_messages.py",
    # mentoring: finding a site, the newcomer's own registration and what its services answer,
    # their profile and withdrawing it, the check-in and survey pages reached by a personal
    # link (the choices of the models: ages, language levels, states, reasons to end)
    "handschlag/mentoring/templates/mentoring/base_mentoring.html",
    "handschlag/mentoring/templates/mentoring/joining/index.html",
    "handschlag/mentoring/templates/mentoring/joining/programme.html",
    "handschlag/mentoring/templates/mentoring/joining/find_site.html",
    "handschlag/mentoring/templates/mentoring/joining/site_info.html",
    "handschlag/mentoring/templates/mentoring/joining/mentee_self_form.html",
    "handschlag/mentoring/templates/mentoring/joining/mentee_registered.html",
    "handschlag/mentoring/templates/mentoring/joining/mentee_own_form.html",
    "handschlag/mentoring/templates/mentoring/joining/closed.html",
    "handschlag/mentoring/templates/mentoring/joining/too_many.html",
    "handschlag/mentoring/templates/mentoring/joining/withdraw.html",
    "handschlag/mentoring/templates/mentoring/joining/mine.html",
    "handschlag/mentoring/templates/mentoring/joining/includes/*",
    "handschlag/mentoring/templates/mentoring/surveys/*",
    "handschlag/mentoring/templatetags/mentoring_joining.py",
    "handschlag/mentoring/models.py",
    "handschlag/mentoring/joining.py",
    "handschlag/mentoring/joining_forms.py",
    "handschlag/mentoring/joining_fields.py",
    "handschlag/mentoring/joining_mentees.py",
    "handschlag/mentoring/joining_views.py",
    "handschlag/mentoring/consent.py",
    "handschlag/mentoring/surveys.py",
    "handschlag/mentoring/checkins.py",
    "handschlag/mentoring/survey_views.py",
    "handschlag/mentoring/tandem_forms.py",
    # events: finding them, registering as a guest (no account), the link that manages the
    # registration, and every mail a participant gets (guests' in the language they used)
    "handschlag/events/templates/events/list.html",
    "handschlag/events/templates/events/calendar.html",
    "handschlag/events/templates/events/calendar_subscription.html",
    "handschlag/events/templates/events/detail.html",
    "handschlag/events/templates/events/includes/calendar_links.html",
    "handschlag/events/templates/events/includes/checkin_code.html",
    "handschlag/events/templates/events/includes/event_card.html",
    "handschlag/events/templates/events/includes/field_errors.html",
    "handschlag/events/templates/events/includes/filter_errors.html",
    "handschlag/events/templates/events/includes/filter_fields.html",
    "handschlag/events/templates/events/includes/registration_box.html",
    "handschlag/events/templates/events/registration/_state.html",
    "handschlag/events/templates/events/registration/box.html",
    "handschlag/events/templates/events/registration/cancel.html",
    "handschlag/events/templates/events/registration/manage.html",
    "handschlag/events/templates/events/registration/register.html",
    "handschlag/events/templates/events/mail/*",
    "handschlag/events/models.py",
    "handschlag/events/display.py",
    "handschlag/events/filter_forms.py",
    "handschlag/events/list_views.py",
    "handschlag/events/calendar_views.py",
    "handschlag/events/ical.py",
    "handschlag/events/messages.py",
    "handschlag/events/organiser_messages.py",
    "handschlag/events/registration.py",
    "handschlag/events/registration_common.py",
    "handschlag/events/registration_forms.py",
    "handschlag/events/registration_messages.py",
    "handschlag/events/registration_views.py",
    # the newcomer portal as readers see it: its pages, guides, print and share pages, the
    # "Das stimmt nicht" report, and the words of its models (topics, states, weekdays); the
    # editor, the translation workspace, the data pages and the providers' check links are
    # for staff and providers and stay German and English
    "handschlag/directory/templates/directory/public/*",
    "handschlag/directory/templates/directory/print/*",
    "handschlag/directory/templates/directory/includes/*",
    "handschlag/directory/templates/directory/keep/report.html",
    "handschlag/directory/templates/directory/keep/bad_share.html",
    "handschlag/directory/models.py",
    "handschlag/directory/public_*.py",
    "handschlag/directory/filters.py",
    "handschlag/directory/printing.py",
    "handschlag/directory/translation.py",
    "handschlag/directory/keep_forms.py",
    "handschlag/directory/keep_views.py",
    "handschlag/directory/keeping.py",
    "handschlag/directory/templatetags/portal_public.py",
)


def is_newcomer_source(path: str) -> bool:
    """Whether texts from `path` (relative to the repository root) are read by newcomers."""
    path = path.replace("\\", "/").removeprefix("./")
    return any(fnmatchcase(path, pattern) for pattern in NEWCOMER_SOURCES)


def newcomer_languages() -> list[str]:
    """The interface languages beyond German (the source) and English (complete anyway)."""
    from django.conf import settings

    return [code for code, _name in settings.LANGUAGES if code not in ("de", "en")]


def is_newcomer_entry(entry: Any) -> bool:
    """Whether a catalogue entry (polib's POEntry: `occurrences` of (path, line)) comes from
    a newcomer-facing source."""
    return not entry.obsolete and any(is_newcomer_source(path) for path, _ in entry.occurrences)


def is_missing(entry: Any, nplurals: int) -> bool:
    """Whether a newcomer reading the entry would see German: untranslated, fuzzy (gettext
    does not use it), or a plural without all of its language's forms."""
    if "fuzzy" in entry.flags:
        return True
    if entry.msgid_plural:
        forms = entry.msgstr_plural
        return sorted(forms) != list(range(nplurals)) or any(not forms[n] for n in forms)
    return not entry.msgstr
