"""German is the default UI language and English is complete.

The English catalogue is read with a tiny .po parser (no extra dependency): every entry is
translated, none is fuzzy, placeholders survive, and the committed .mo says the same as the .po.
Pages requested in English carry `lang="en"` and no German interface words.
"""

from __future__ import annotations

import gettext
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from handschlag.audit.registry import audit_verbs
from handschlag.moderation.registry import moderation_queues, reportables
from handschlag.notifications.registry import notification_kinds
from handschlag.organisations.models import Organisation
from handschlag.organisations.registry import organisation_sections
from handschlag.organisations.roles import roles
from handschlag.promises import messages
from handschlag.promises.models import Promise, Redemption
from handschlag.promises.registry import promise_sections
from tests import factories

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"

# --- a minimal .po reader ----------------------------------------------------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # index 0 for a non-plural entry
    flags: set[str] = field(default_factory=set)
    line: int = 0


_KEYWORD_LINE = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?) (".*")$')
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


def _unquote(token: str) -> str:
    body = token.strip()[1:-1]
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), body)


def _entry_from(lines: list[tuple[int, str]]) -> Entry | None:
    entry, current = Entry(line=lines[0][0]), ""
    for _number, line in lines:
        if line.startswith("#~"):
            return None  # obsolete entries are not compiled
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif match := _KEYWORD_LINE.match(line):
            keyword, index, text = match.groups()
            current = keyword if index is None else f"msgstr[{index}]"
            _append(entry, current, _unquote(text))
        elif line.startswith('"'):
            _append(entry, current, _unquote(line))
    return entry


def _append(entry: Entry, key: str, text: str) -> None:
    if key == "msgid":
        entry.msgid += text
    elif key == "msgid_plural":
        entry.msgid_plural = (entry.msgid_plural or "") + text
    elif key == "msgctxt":
        entry.msgctxt = (entry.msgctxt or "") + text
    else:
        index = int(key[7:-1]) if key.startswith("msgstr[") else 0
        entry.msgstr[index] = entry.msgstr.get(index, "") + text


def read_po(path: Path) -> list[Entry]:
    """All compiled entries of a .po file, without the header."""
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if raw.strip():
            blocks[-1].append((number, raw))
        elif blocks[-1]:
            blocks.append([])
    entries = [entry for block in blocks if block and (entry := _entry_from(block))]
    return [entry for entry in entries if entry.msgid]


def where(entry: Entry) -> str:
    return f"{PO_FILE.name}:{entry.line} {entry.msgid[:60]!r}"


# --- (a) the catalogue is complete -------------------------------------------------------------


@pytest.fixture(scope="module")
def catalogue() -> list[Entry]:
    return read_po(PO_FILE)


def test_the_reader_understands_plurals_contexts_and_continuation_lines(tmp_path):
    sample = tmp_path / "sample.po"
    sample.write_text(
        'msgid ""\nmsgstr "Language: en\\n"\n\n'
        '#, fuzzy, python-format\nmsgctxt "menu"\nmsgid "Ein "\n"Versprechen"\n'
        'msgid_plural "%(n)d Versprechen"\nmsgstr[0] "One promise"\nmsgstr[1] ""\n\n'
        '#~ msgid "alt"\n#~ msgstr "old"\n',
        encoding="utf-8",
    )
    [entry] = read_po(sample)
    assert entry.msgid == "Ein Versprechen" and entry.msgctxt == "menu"
    assert entry.msgid_plural == "%(n)d Versprechen"
    assert entry.msgstr == {0: "One promise", 1: ""}
    assert entry.flags == {"fuzzy", "python-format"}


def test_english_catalogue_has_hundreds_of_entries(catalogue):
    # Guards the checks below against a parser that silently reads nothing.
    assert len(catalogue) > 500


def test_every_english_entry_is_translated(catalogue):
    untranslated = [
        where(entry)
        for entry in catalogue
        if not entry.msgstr
        or any(not text.strip() for text in entry.msgstr.values())
        or (entry.msgid_plural is not None and sorted(entry.msgstr) != [0, 1])
    ]
    assert untranslated == []


def test_no_english_entry_is_fuzzy(catalogue):
    assert [where(entry) for entry in catalogue if "fuzzy" in entry.flags] == []


_PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|</?[a-z][^>]*>")


def _placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def test_translations_keep_placeholders_and_markup(catalogue):
    broken = []
    for entry in catalogue:
        if entry.msgid_plural is None:
            if _placeholders(entry.msgid) != _placeholders(entry.msgstr.get(0, "")):
                broken.append(where(entry))
            continue
        # The plural form needs every placeholder; the singular may say "once" instead of "1".
        plural_ok = _placeholders(entry.msgid_plural) == _placeholders(entry.msgstr.get(1, ""))
        singular_ok = set(_placeholders(entry.msgstr.get(0, ""))) <= set(
            _placeholders(entry.msgid_plural)
        )
        if not (plural_ok and singular_ok):
            broken.append(where(entry))
    assert broken == []


# --- (b) the committed .mo matches the .po -----------------------------------------------------


def test_compiled_catalogue_matches_the_po_file(catalogue):
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in catalogue:
        msgid = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            if compiled.gettext(msgid) != entry.msgstr[0]:
                stale.append(where(entry))
        elif (compiled.ngettext(msgid, entry.msgid_plural, 1), compiled.ngettext(msgid, "", 2)) != (
            entry.msgstr[0],
            entry.msgstr[1],
        ):
            stale.append(where(entry))
    assert stale == [], "run `manage.py compilemessages` and commit the .mo"
    # Nothing in the .mo that the .po no longer has: one key per translated form, plus the header.
    expected_keys = sum(len(entry.msgstr) for entry in catalogue) + 1
    assert len(compiled._catalog) == expected_keys  # type: ignore[attr-defined]


# --- (c) and (d) pages ------------------------------------------------------------------------

# Words of the German interface that never belong on an English page.
GERMAN_WORDS = {
    "und", "der", "die", "das", "den", "dem", "des", "nicht", "Sie", "Ihr", "Ihre", "Ihren",
    "für", "mit", "ist", "oder", "werden", "wird", "noch", "eine", "einen", "zum", "zur",
    "bei", "auf", "alle", "über", "von", "bis", "Versprechen", "Anmelden", "Abmelden",
    "Registrieren", "Seite", "zurück", "weiter", "Sprache", "Wechseln", "Bericht", "Kommune",
    "Kommunen", "Organisationen", "Datenschutz", "Impressum", "Speichern", "Suchen",
}  # fmt: skip
# proper names spelled the same in English; "Türkçe" is Turkish's own name in the switcher
ALLOWED_WITH_UMLAUT = {"Baden-Württemberg", "Türkçe"}
_TEXT_ATTRIBUTES = re.compile(r'\s(?:title|alt|aria-label|placeholder|content)="([^"]*)"')


def visible_text(page: str) -> str:
    """Text a reader sees or hears: element text plus labelling attributes, markup removed."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    attributes = " ".join(_TEXT_ATTRIBUTES.findall(page))
    return html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + attributes)


def german_words_in(page: str) -> list[str]:
    words = re.findall(r"[\wÄÖÜäöüß-]+", visible_text(page))
    return sorted(
        {
            word
            for word in words
            if word in GERMAN_WORDS
            or (re.search(r"[äöüßÄÖÜ]", word) and word not in ALLOWED_WITH_UMLAUT)
        }
    )


def test_the_german_word_check_finds_german_interface_text():
    page = '<p>Ihre Anfrage</p><button aria-label="Zurück zur Übersicht">x</button>'
    assert set(german_words_in(page)) == {"Ihre", "Zurück", "zur", "Übersicht"}


def english_client(*, user=None) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


# tests/settings.py installs `tests.kernel_app`, which registers German literals (not gettext)
# with every kernel registry to prove the extension points; they are no part of the site's
# interface, so the English pages are checked without them.
def _from_the_test_only_app(key: str) -> bool:
    return key.startswith("kernel_app.") or key in {"workshop", "workshops"}


@pytest.fixture
def site_interface_only(monkeypatch):
    for registry in (
        notification_kinds, audit_verbs, moderation_queues, reportables,
        organisation_sections, promise_sections, roles,
    ):  # fmt: skip
        kept = {k: v for k, v in registry._entries.items() if not _from_the_test_only_app(k)}
        monkeypatch.setattr(registry, "_entries", kept)


@pytest.fixture
def english_content(db, site_interface_only):
    """Content written in English, so that any German left on a page comes from the interface."""
    owner = factories.UserFactory(first_name="Alex", last_name="Smith")
    applicant = factories.UserFactory(first_name="Sam", last_name="Jones")
    town = factories.MunicipalityFactory(name="Sonneberg", slug="sonneberg", ags="16072017")
    organisation = factories.OrganisationFactory(
        name="Welcome Network", slug="welcome-network", municipality=town
    )
    factories.MembershipFactory(organisation=organisation, user=owner, role="admin")
    factories.JoinRequestFactory(organisation=organisation, user=applicant, message="I can help.")
    english = {
        "description": "Ten refurbished tablets.",
        "unit": "tablets",
        "condition": "an initiative uses them to teach a welcome class for six months.",
        "report_requirements": "A short report with a photo.",
        "municipality": town,
        "owner": owner,
    }
    promise = factories.PromiseFactory(title="Ten tablets for a welcome class", **english)
    pending = factories.PromiseFactory(
        title="A room for a language café", state=Promise.State.PENDING, **english
    )
    redemption = factories.RedemptionFactory(
        promise=promise, applicant=applicant, plan="We teach twelve children on Mondays."
    )
    factories.NotificationFactory(
        recipient=owner,
        kind=messages.NEW_APPLICATION.key,
        params={"promise": promise.title, "applicant": "Sam J."},
        url=promise.get_absolute_url(),
    )
    disputed = factories.RedemptionFactory(
        promise=promise,
        applicant=factories.UserFactory(first_name="Ana", last_name="Diaz"),
        plan="We run a homework club.",
        state=Redemption.State.DISPUTED,
        report_text="The club met every week.",
        decision_reason="Only two meetings took place.",
    )
    reported = factories.RedemptionFactory(
        promise=promise,
        applicant=factories.UserFactory(first_name="Lee", last_name="Park"),
        plan="We teach adults on Fridays.",
        state=Redemption.State.CONFIRMED,
        report_text="Eight adults learnt with the tablets.",
        report_consent=True,
    )
    # asks for a kind with powers, which takes effect once a moderator verifies it
    council = factories.OrganisationFactory(
        name="Sonneberg Council", slug="sonneberg-council", municipality=town,
        kind=Organisation.Kind.OTHER, requested_kind=Organisation.Kind.MUNICIPALITY,
    )  # fmt: skip
    factories.MembershipFactory(organisation=council, user=owner, role="admin")
    abuse = factories.AbuseReportFactory(target=promise, reporter=applicant, message="Spam.")
    factories.PostFactory(
        title="A good start", slug="a-good-start", teaser="Tablets in class.", body="It worked."
    )
    return {
        "owner": owner,
        "applicant": applicant,
        "moderator": factories.ModeratorFactory(first_name="Kim", last_name="Lee"),
        "promise": promise,
        "urls": {
            "promise": promise.get_absolute_url(),
            "redemption": f"/versprechen/einloesung/{redemption.pk}/",
            "apply": f"/versprechen/{promise.pk}/bewerben/",
            "review": f"/versprechen/{pending.pk}/pruefen/",
            "review_dispute": f"/versprechen/einloesung/{disputed.pk}/streitfall/",
            "review_report": f"/blog/berichte/{reported.pk}/pruefen/",
            "abuse": f"/moderation/meldungen/{abuse.pk}/",
            "report_abuse": f"/moderation/melden/promise/{promise.pk}/",
        },
    }


PUBLIC_PAGES = [
    "/",
    "/versprechen/",
    "/konto/login/",
    "/konto/signup/",
    "/konto/password/reset/",
    "/blog/",
    "/blog/a-good-start/",
    "/organisationen/",
    "/organisationen/welcome-network/",
    "/orte/",
    "/datenschutz/",
    "/impressum/",
    "{promise}",
]
# (who is signed in, page)
SIGNED_IN_PAGES = [
    ("owner", "/versprechen/meine/"),
    ("owner", "/versprechen/neu/"),
    ("owner", "/konto/profil/"),
    ("owner", "/konto/daten/loeschen/"),
    ("owner", "/benachrichtigungen/"),
    ("owner", "/benachrichtigungen/einstellungen/"),
    ("owner", "/organisationen/neu/"),
    ("owner", "/organisationen/welcome-network/"),
    ("owner", "/organisationen/welcome-network/mitglieder/"),
    ("owner", "/organisationen/sonneberg-council/"),  # with the kind it asked for
    ("owner", "{promise}"),
    ("owner", "{redemption}"),
    ("applicant", "{redemption}"),
    ("applicant", "/versprechen/meine/"),
    ("applicant", "{report_abuse}"),
    ("moderator", "/moderation/"),
    ("moderator", "/moderation/?queue=abuse"),
    ("moderator", "/moderation/protokoll/"),
    ("moderator", "/moderation/?queue=organisations"),
    ("moderator", "/moderation/protokoll/?action=promises.publish_promise"),
    ("moderator", "/organisationen/sonneberg-council/"),
    ("moderator", "{review}"),
    ("moderator", "{review_dispute}"),
    ("moderator", "{review_report}"),
    ("moderator", "{abuse}"),  # with the decision the promise registers
]


def _assert_english(response) -> None:
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="en"' in page and "Skip to content" in page
    assert german_words_in(page) == []


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_in_english(english_content, url):
    _assert_english(english_client().get(url.format(**english_content["urls"])))


@pytest.mark.parametrize(("who", "url"), SIGNED_IN_PAGES)
def test_signed_in_page_in_english(english_content, who, url):
    client = english_client(user=english_content[who])
    _assert_english(client.get(url.format(**english_content["urls"])))


def test_promise_detail_in_english(english_content):
    response = english_client().get(english_content["urls"]["promise"])
    _assert_english(response)
    page = response.content.decode()
    assert "… if someone:" in page and "Who may redeem it?" in page


def test_home_page_in_english_says_what_the_platform_is(english_content):
    page = english_client().get("/").content.decode()
    assert "Skip to content" in page
    assert "I promise X if someone helps with Y." in page
    assert "1 open promise" in page  # the plural form for one


def test_form_errors_in_english(english_content):
    response = english_client(user=english_content["owner"]).post("/versprechen/neu/", {})
    _assert_english(response)
    assert "Please check your entries." in response.content.decode()


def test_accept_language_english_is_honoured(db):
    response = Client(headers={"accept-language": "en-GB,en;q=0.9"}).get("/versprechen/")
    _assert_english(response)


def test_german_is_the_default(db):
    response = Client().get("/")
    page = response.content.decode()
    assert '<html lang="de"' in page
    assert "Zum Inhalt springen" in page and "Skip to content" not in page


def test_german_is_used_for_languages_without_a_catalogue(db):
    page = Client(headers={"accept-language": "sv"}).get("/").content.decode()
    assert '<html lang="de"' in page


def test_decisions_on_review_pages_in_english(english_content):
    moderator = english_client(user=english_content["moderator"])
    abuse = moderator.get(english_content["urls"]["abuse"]).content.decode()
    assert 'value="do:return_promise"' in abuse and "Return the promise" in abuse
    council = moderator.get("/organisationen/sonneberg-council/").content.decode()
    assert "Verify as Municipality" in council and "Decline the requested type" in council
    admin = english_client(user=english_content["owner"])
    council = admin.get("/organisationen/sonneberg-council/").content.decode()
    assert "Municipality – takes effect once the moderation team has checked" in council
    redemption = admin.get(english_content["urls"]["redemption"]).content.decode()
    assert "Accept application" in redemption  # the promiser's next step, from actions.py
