"""The newcomer languages' catalogues: every text a newcomer reads is translated.

Which sources newcomers read is said once, in handschlag/core/newcomer.py. The .po files are
read with polib; an entry counts as newcomer-facing through its source references
("#: path:line"). A failing test lists, per language, every German text still missing, so a
translator (or scripts/newcomer_messages.py dump) knows exactly what to do.
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

from handschlag.core.newcomer import (
    NEWCOMER_SOURCES,
    is_missing,
    is_newcomer_entry,
    is_newcomer_source,
    newcomer_languages,
)

ROOT = Path(settings.BASE_DIR)
# nplurals as gettext and Django's own catalogues have them
PLURAL_FORMS = {"ar": 6, "uk": 3, "ru": 3, "fa": 2, "tr": 2}


def po_path(code: str) -> Path:
    return ROOT / "locale" / code / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module")
def catalogues() -> dict[str, polib.POFile]:
    return {code: polib.pofile(str(po_path(code))) for code in newcomer_languages()}


def test_the_newcomer_languages_are_those_of_the_interface_beyond_german_and_english():
    assert newcomer_languages() == ["ar", "uk", "fa", "tr", "ru"]


def test_every_interface_language_has_a_compiled_catalogue():
    """Django falls back to German without a word when a language has no .mo file."""
    missing = []
    for code, _name in settings.LANGUAGES:
        compiled = [
            Path(folder) / code / "LC_MESSAGES" / "django.mo" for folder in settings.LOCALE_PATHS
        ]
        if not any(path.is_file() for path in compiled):
            missing.append(code)
    assert missing == [], f"run `manage.py compilemessages` for {missing}"


def test_every_pattern_names_files_that_exist():
    """A moved template must not silently drop out of the list."""
    sources = [
        path.relative_to(ROOT).as_posix()
        for folder in ("config", "handschlag")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in {".py", ".html", ".txt"}
    ]
    stale = [
        pattern
        for pattern in NEWCOMER_SOURCES
        if not any(is_newcomer_source(path) and _matches(path, pattern) for path in sources)
    ]
    assert stale == []


def _matches(path: str, pattern: str) -> bool:
    from fnmatch import fnmatchcase

    return fnmatchcase(path, pattern)


def test_the_list_covers_what_newcomers_read_and_not_the_staff_pages():
    for path in (
        "handschlag/core/templates/base.html",
        "handschlag/core/templates/includes/language_switcher.html",
        "handschlag/mentoring/templates/mentoring/joining/mentee_self_form.html",
        "handschlag/mentoring/templates/mentoring/surveys/checkin.html",
        "handschlag/mentoring/tandem_messages.py",
        "handschlag/notifications/tasks.py",
        "handschlag/directory/templates/directory/public/offer_detail.html",
        "handschlag/directory/templates/directory/keep/report.html",
        "./handschlag/accounts/templates/account/login.html",
    ):
        assert is_newcomer_source(path), path
    for path in (
        "handschlag/moderation/templates/moderation/dashboard.html",
        "handschlag/mentoring/templates/mentoring/rounds/round.html",
        "handschlag/assessment/templates/assessment/answering/detail.html",
        "handschlag/mentoring/statistics_views.py",
        "handschlag/directory/templates/directory/editor/home.html",
        "handschlag/directory/templates/directory/translations/workspace.html",
        "handschlag/directory/editor_forms.py",
    ):
        assert not is_newcomer_source(path), path


def test_the_catalogues_hold_the_newcomer_texts(catalogues):
    """Guards the completeness check against reading nothing."""
    for code, catalogue in catalogues.items():
        assert sum(1 for entry in catalogue if is_newcomer_entry(entry)) > 500, code


def test_no_newcomer_text_is_missing_in_any_language(catalogues):
    missing = {
        code: [
            f"{entry.msgid[:70]!r} ({entry.occurrences[0][0]})"
            for entry in catalogue
            if is_newcomer_entry(entry) and is_missing(entry, PLURAL_FORMS[code])
        ]
        for code, catalogue in catalogues.items()
    }
    missing = {code: texts for code, texts in missing.items() if texts}
    report = "\n".join(
        f"{code}: {len(texts)} missing\n  " + "\n  ".join(texts) for code, texts in missing.items()
    )
    assert not missing, (
        "untranslated or fuzzy newcomer texts (scripts/newcomer_messages.py dump lists them "
        "as JSON):\n" + report
    )


def test_the_missing_check_sees_untranslated_fuzzy_and_incomplete_plurals(tmp_path):
    sample = tmp_path / "django.po"
    sample.write_text(
        'msgid ""\nmsgstr "Language: uk\\n"\n\n'
        "#: handschlag/core/templates/base.html:1\n"
        'msgid "Menü"\nmsgstr ""\n\n'
        "#: handschlag/core/templates/base.html:2\n#, fuzzy\n"
        'msgid "Konto"\nmsgstr "Рахунок"\n\n'
        "#: handschlag/core/templates/base.html:3\n"
        'msgid "%(n)s Ort"\nmsgid_plural "%(n)s Orte"\n'
        'msgstr[0] "%(n)s місце"\nmsgstr[1] "%(n)s місця"\n\n'
        "#: handschlag/core/templates/base.html:4\n"
        'msgid "Sprache"\nmsgstr "Мова"\n\n'
        "#: handschlag/moderation/views.py:9\n"
        'msgid "Moderation"\nmsgstr ""\n',
        encoding="utf-8",
    )
    entries = [entry for entry in polib.pofile(str(sample)) if is_newcomer_entry(entry)]
    assert [entry.msgid for entry in entries if is_missing(entry, 3)] == [
        "Menü", "Konto", "%(n)s Ort"
    ]  # fmt: skip


def test_plural_forms_are_those_of_each_language(catalogues):
    wrong = []
    for code, catalogue in catalogues.items():
        header = catalogue.metadata.get("Plural-Forms", "")
        if f"nplurals={PLURAL_FORMS[code]};" not in header.replace(" ", ""):
            wrong.append(f"{code}: {header}")
        for entry in catalogue:
            forms = sorted(entry.msgstr_plural)
            if (
                entry.msgid_plural
                and entry.translated()
                and forms != list(range(PLURAL_FORMS[code]))
            ):
                wrong.append(f"{code}: {entry.msgid[:50]!r}")
    assert wrong == []


_MARKS = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|</?[a-zA-Z][^>]*>")


def _marks(text: str) -> list[str]:
    return sorted(_MARKS.findall(text))


def test_translations_keep_placeholders_and_markup(catalogues):
    """Every translated form carries the source's placeholders and HTML tags; only Arabic's
    forms for exactly 0, 1 or 2 may leave the number out."""
    broken = []
    for code, catalogue in catalogues.items():
        for entry in catalogue.translated_entries():
            if not entry.msgid_plural:
                if _marks(entry.msgstr) != _marks(entry.msgid):
                    broken.append(f"{code}: {entry.msgid[:60]!r}")
                continue
            for index, form in entry.msgstr_plural.items():
                marks, source = set(_marks(form)), set(_marks(entry.msgid_plural))
                exact = code == "ar" and index in (0, 1, 2)
                if not (marks <= source if exact else marks == source):
                    broken.append(f"{code}[{index}]: {entry.msgid[:60]!r}")
    assert broken == []


def test_the_compiled_catalogues_say_what_the_po_files_say(catalogues):
    stale = []
    for code, catalogue in catalogues.items():
        with po_path(code).with_suffix(".mo").open("rb") as handle:
            compiled = gettext.GNUTranslations(handle)
        for entry in catalogue.translated_entries():
            key = entry.msgid if not entry.msgctxt else f"{entry.msgctxt}\x04{entry.msgid}"
            expected = entry.msgstr if not entry.msgid_plural else entry.msgstr_plural[0]
            got = (
                compiled.gettext(key) if not entry.msgid_plural else compiled._catalog.get((key, 0))  # type: ignore[attr-defined]
            )
            if got != expected:
                stale.append(f"{code}: {entry.msgid[:60]!r}")
    assert stale == [], "run `manage.py compilemessages` and commit the .mo files"
