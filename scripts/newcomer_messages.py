"""Translate the newcomer-facing texts: dump what is missing to JSON, apply a JSON back.

    .venv/bin/python scripts/newcomer_messages.py dump [-o missing.json] [-l ar -l fa …]
    .venv/bin/python scripts/newcomer_messages.py apply translated.json
    .venv/bin/python manage.py compilemessages --ignore=.venv --ignore=var

`dump` lists every entry of locale/<lang>/LC_MESSAGES/django.po that comes from a newcomer-facing
source (handschlag/core/newcomer.py) and is untranslated or fuzzy in at least one newcomer
language: the German source, where it is used, and per language an empty string to fill (a
list with one string per plural form for plurals; "plural_forms" at the top says which n each
form is for). `apply` writes the filled strings into the catalogues, clears "fuzzy", and sets
each catalogue's header (language, plural forms). It refuses a translation whose placeholders
(%(name)s, %s, {name}) or HTML tags differ from the source's, and says which; nothing is written
then. Run `manage.py makemessages` first, so the catalogues know every current string.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from handschlag.core.newcomer import (  # noqa: E402
    is_missing,
    is_newcomer_entry,
    newcomer_languages,
)

# The plural forms gettext and Django's own catalogues use (Arabic six, Russian and Ukrainian
# three, Farsi and Turkish two), and which n each form is for, to tell translators.
PLURALS: dict[str, tuple[str, list[str]]] = {
    "ar": (
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
        "n%100>=11 && n%100<=99 ? 4 : 5;",
        ["n=0", "n=1", "n=2", "n%100=3..10", "n%100=11..99", "others (100, 101, 102…)"],
    ),
    "ru": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);",
        ["1, 21, 31…", "2–4, 22–24…", "0, 5–20, 25–30…"],
    ),
    "uk": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);",
        ["1, 21, 31…", "2–4, 22–24…", "0, 5–20, 25–30…"],
    ),
    "fa": ("nplurals=2; plural=(n > 1);", ["0, 1", "2 and more"]),
    "tr": ("nplurals=2; plural=(n > 1);", ["0, 1", "2 and more"]),
}
# Forms that stand for exactly one n: only these may leave the number out.
EXACT_FORMS: dict[str, set[int]] = {"ar": {0, 1, 2}}
NAMES = {"ar": "Arabic", "uk": "Ukrainian", "fa": "Persian", "tr": "Turkish", "ru": "Russian"}

PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|</?[a-zA-Z][^>]*>|%%")


def catalogue_path(language: str) -> Path:
    return ROOT / "locale" / language / "LC_MESSAGES" / "django.po"


def nplurals(language: str) -> int:
    return len(PLURALS[language][1]) if language in PLURALS else 2


def key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


# --- dump ------------------------------------------------------------------------------------


def dump(languages: list[str]) -> dict:
    entries: dict[tuple[str | None, str], dict] = {}
    for language in languages:
        for entry in polib.pofile(str(catalogue_path(language)), wrapwidth=0):
            if not is_newcomer_entry(entry) or not is_missing(entry, nplurals(language)):
                continue
            item = entries.setdefault(
                key(entry),
                {
                    "msgctxt": entry.msgctxt,
                    "msgid": entry.msgid,
                    "msgid_plural": entry.msgid_plural or None,
                    "sources": [f"{path}:{line}" for path, line in entry.occurrences][:4],
                    "comment": entry.comment or None,
                },
            )
            item[language] = [""] * nplurals(language) if entry.msgid_plural else ""
    return {
        "languages": {
            language: {
                "name": NAMES.get(language, language),
                "plural_forms": PLURALS.get(language, ("", []))[1],
            }
            for language in languages
        },
        "entries": list(entries.values()),
    }


# --- apply -----------------------------------------------------------------------------------


def _marks(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


def check(item: dict, language: str, value: str | list[str]) -> str | None:
    """What is wrong with a translation, or None. A plural's forms each need the source's
    placeholders, except that a form for exactly one number (Arabic 0, 1, 2) may leave the
    number out (msgfmt allows that only there)."""
    if item.get("msgid_plural"):
        if not isinstance(value, list) or len(value) != nplurals(language):
            return f"needs a list of {nplurals(language)} forms"
        source = _marks(item["msgid_plural"])
        exact = EXACT_FORMS.get(language, set())
        for index, form in enumerate(value):
            marks = _marks(form)
            if index in exact:
                if marks - source:
                    return f"form {index} has {sorted((marks - source).elements())}"
            elif marks != source:
                return f"form {index}: {sorted(marks.elements())} ≠ {sorted(source.elements())}"
        return None
    if not isinstance(value, str):
        return "needs a string"
    if _marks(value) != _marks(item["msgid"]):
        return f"{sorted(_marks(value).elements())} ≠ {sorted(_marks(item['msgid']).elements())}"
    return None


def set_header(catalogue: polib.POFile, language: str) -> None:
    catalogue.header = (
        f"{NAMES.get(language, language)} translation of the Handschlag user interface "
        "(source language: German).\nThis file is distributed under the same licence as "
        "Handschlag."
    )
    catalogue.metadata.update(
        {
            "Project-Id-Version": "Handschlag",
            "Last-Translator": "Handschlag",
            "Language-Team": NAMES.get(language, language),
            "Language": language,
            "PO-Revision-Date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000"),
            "Content-Type": "text/plain; charset=UTF-8",
            "Plural-Forms": PLURALS[language][0],
        }
    )
    catalogue.metadata_is_fuzzy = False


def apply(data: dict) -> list[str]:
    by_key = {(item.get("msgctxt"), item["msgid"]): item for item in data["entries"]}
    problems: list[str] = []
    catalogues: dict[str, polib.POFile] = {}
    for language in newcomer_languages():
        catalogue = polib.pofile(str(catalogue_path(language)), wrapwidth=0)
        catalogues[language] = catalogue
        for entry in catalogue:
            item = by_key.get(key(entry))
            value = item.get(language) if item else None
            if not value or (isinstance(value, list) and not all(value)):
                continue
            problem = check(item, language, value)
            if problem:
                problems.append(f"{language}: {entry.msgid[:60]!r}: {problem}")
                continue
            if entry.msgid_plural:
                entry.msgstr_plural = dict(enumerate(value))
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    if problems:
        return problems
    for language, catalogue in catalogues.items():
        set_header(catalogue, language)
        for entry in catalogue:  # plurals get every form of the language
            if entry.msgid_plural and len(entry.msgstr_plural) != nplurals(language):
                forms = entry.msgstr_plural
                entry.msgstr_plural = {n: forms.get(n, "") for n in range(nplurals(language))}
                if any(forms.values()):
                    entry.flags.append("fuzzy")
        catalogue.save()
    return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump", help="write the missing newcomer entries as JSON")
    dumping.add_argument("-o", "--output", default="-")
    dumping.add_argument("-l", "--language", action="append", dest="languages")
    applying = commands.add_parser("apply", help="write translations from JSON into the .po")
    applying.add_argument("file")
    args = parser.parse_args()
    if args.command == "dump":
        data = dump(args.languages or newcomer_languages())
        text = json.dumps(data, ensure_ascii=False, indent=1)
        if args.output == "-":
            print(text)
        else:
            Path(args.output).write_text(text + "\n", encoding="utf-8")
            print(f"{len(data['entries'])} entries to {args.output}", file=sys.stderr)
        return 0
    problems = apply(json.loads(Path(args.file).read_text(encoding="utf-8")))
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
