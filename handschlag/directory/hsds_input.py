"""Reading an HSDS 3.0 file for the import: JSON (one service, a list, or an HSDS page with
"contents") or a zip (a tabular data package, or one JSON file), checked field by field
before anything is written.

The models below are the part of HSDS 3.0 the portal takes in, with the limits of the
portal's own fields; unknown properties are ignored (HSDS allows them). Every problem is
reported with where it is: the line of the CSV row or the position in the JSON list, and the
path of the field ("services.csv:4: service_at_locations → 1 → location → latitude: …").
"""

from __future__ import annotations

import datetime
import io
import json
import re
import uuid
import zipfile
import zlib
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from handschlag.core.errors import DomainError

from . import hsds_tabular
from .hsds import STATUS_IN

MAX_ZIP_MEMBERS = 100
# one portal's export is a few MB (200 offers in seven languages: 1.7 MB); a zip that unpacks
# to far more is not a portal's data and would only tie up the server's memory
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?")


class ImportInvalid(DomainError):
    """The file cannot be imported; `problems` says why, each with where."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems[:3]), code="hsds_invalid")
        self.problems = problems


def _email(value: str | None) -> str | None:
    if value:
        try:
            validate_email(value)
        except DjangoValidationError as error:
            raise ValueError(_("keine gültige E-Mail-Adresse")) from error
    return value


def _url(value: str | None) -> str | None:
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except DjangoValidationError as error:
            raise ValueError(_("keine gültige Web-Adresse (http:// oder https://)")) from error
    return value


def _time(value: Any) -> Any:
    """HSDS times are "HH:MM" or "HH:MM:SS", maybe with a zone ("Z", "+01:00"): taken as
    local time (the portal's)."""
    if isinstance(value, str):
        match = TIME.match(value.strip())
        if not match:
            raise ValueError(_("keine Uhrzeit (SS:MM)"))
        hour, minute, second = (int(part or 0) for part in match.groups())
        try:
            return datetime.time(hour, minute, second)
        except ValueError as error:
            raise ValueError(_("keine Uhrzeit (SS:MM)")) from error
    return value


def _text(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


Email = Annotated[str | None, Field(max_length=254), AfterValidator(_email)]
Url = Annotated[str | None, Field(max_length=200), AfterValidator(_url)]
Time = Annotated[datetime.time | None, BeforeValidator(_time)]
Text = Annotated[str, BeforeValidator(_text)]


class Model(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True, str_strip_whitespace=True)


class TranslationIn(Model):
    text: str = Field(min_length=1)
    status: Literal["current", "machine", "outdated"] = "current"
    source: str = ""


Translations = dict[str, dict[str, TranslationIn]]


class Phone(Model):
    id: uuid.UUID
    number: str = Field(max_length=40)


class Contact(Model):
    id: uuid.UUID
    name: str | None = Field(None, max_length=120)
    email: Email = None
    phones: list[Phone] = []


class Organization(Model):
    id: uuid.UUID
    name: Text = Field(min_length=1, max_length=160)
    description: str | None = ""
    email: Email = None
    website: Url = None
    phones: list[Phone] = []
    x_translations: Translations = Field(default_factory=dict, alias="x-translations")


class Address(Model):
    id: uuid.UUID | None = None
    address_1: str | None = Field(None, max_length=160)
    city: str | None = Field(None, max_length=100)
    postal_code: str | None = Field(None, max_length=5)
    address_type: Literal["physical", "postal", "virtual"] | None = None


class AccessibilityIn(Model):
    id: uuid.UUID
    description: str | None = None
    details: str | None = None


class LocationIn(Model):
    id: uuid.UUID
    location_type: Literal["physical", "postal", "virtual"]
    name: str | None = Field(None, max_length=160)
    transportation: str | None = None
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    addresses: list[Address] = []
    accessibility: list[AccessibilityIn] = []
    x_address: Address | None = Field(None, alias="x-address")
    x_translations: Translations = Field(default_factory=dict, alias="x-translations")


class ScheduleIn(Model):
    id: uuid.UUID
    freq: Literal["WEEKLY", "MONTHLY"] | None = None
    byday: str | None = None
    opens_at: Time = None
    closes_at: Time = None
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None

    @model_validator(mode="after")
    def times_in_order(self) -> ScheduleIn:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValueError(_("closes_at muss nach opens_at liegen"))
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError(_("valid_to darf nicht vor valid_from liegen"))
        return self


class ExceptionIn(Model):
    starts_on: datetime.date
    ends_on: datetime.date
    closed: bool = True
    opens_at: Time = None
    closes_at: Time = None
    note: str = Field("", max_length=160)

    @model_validator(mode="after")
    def consistent(self) -> ExceptionIn:
        if self.ends_on < self.starts_on:
            raise ValueError(_("ends_on darf nicht vor starts_on liegen"))
        if not self.closed and not (
            self.opens_at and self.closes_at and self.closes_at > self.opens_at
        ):
            raise ValueError(_("an geöffneten Ausnahmetagen braucht es opens_at vor closes_at"))
        return self


class ServiceAtLocationIn(Model):
    id: uuid.UUID
    location: LocationIn
    schedules: list[ScheduleIn] = []
    x_by_appointment: bool = Field(False, alias="x-by_appointment")
    x_schedule_exceptions: list[ExceptionIn] = Field(
        default_factory=list, alias="x-schedule_exceptions"
    )


class TaxonomyIn(Model):
    name: str | None = None


class TermIn(Model):
    code: str | None = None
    name: str | None = None
    taxonomy: str | None = None
    taxonomy_detail: TaxonomyIn | None = None

    @property
    def taxonomy_name(self) -> str:
        return (self.taxonomy_detail.name if self.taxonomy_detail else None) or self.taxonomy or ""


class AttributeIn(Model):
    taxonomy_term: TermIn | None = None


class LanguageIn(Model):
    code: str | None = Field(None, pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,4})?$")


class CostOptionIn(Model):
    amount: float | None = None


class RequiredDocumentIn(Model):
    document: str | None = None


class ServiceIn(Model):
    id: uuid.UUID
    name: Text = Field(min_length=1, max_length=160)
    status: Literal["active", "inactive", "defunct", "temporarily closed"]
    description: str | None = ""
    url: Url = None
    email: Email = None
    fees_description: str | None = Field("", max_length=300)
    eligibility_description: str | None = ""
    minimum_age: int | None = Field(None, ge=0, le=150)
    maximum_age: int | None = Field(None, ge=0, le=150)
    assured_date: datetime.date | None = None
    organization: Organization
    phones: list[Phone] = []
    contacts: list[Contact] = []
    languages: list[LanguageIn] = []
    attributes: list[AttributeIn] = []
    cost_options: list[CostOptionIn] = []
    required_documents: list[RequiredDocumentIn] = []
    service_at_locations: list[ServiceAtLocationIn] = []
    schedules: list[dict[str, Any]] = []  # of the service as a whole: not taken (per place only)
    x_summary: str | None = Field(None, max_length=300, alias="x-summary")
    x_closed_until: datetime.date | None = Field(None, alias="x-closed_until")
    x_translations: Translations = Field(default_factory=dict, alias="x-translations")

    @model_validator(mode="after")
    def ages_in_order(self) -> ServiceIn:
        if (
            self.minimum_age is not None
            and self.maximum_age is not None
            and self.maximum_age < self.minimum_age
        ):
            raise ValueError(_("maximum_age darf nicht kleiner als minimum_age sein"))
        return self

    @property
    def offer_status(self) -> str:
        return STATUS_IN[self.status]


# messages -----------------------------------------------------------------------------------
def _message(error: Any) -> str:
    """A pydantic error in words (German source, translated like every UI text)."""
    kind, ctx = error["type"], error.get("ctx") or {}
    messages = {
        "missing": _("fehlt"),
        "uuid_parsing": _("ist keine UUID"),
        "uuid_type": _("ist keine UUID"),
        "string_type": _("muss Text sein"),
        "string_too_short": _("darf nicht leer sein"),
        "float_parsing": _("muss eine Zahl sein"),
        "float_type": _("muss eine Zahl sein"),
        "int_parsing": _("muss eine ganze Zahl sein"),
        "int_type": _("muss eine ganze Zahl sein"),
        "int_from_float": _("muss eine ganze Zahl sein"),
        "bool_parsing": _("muss true oder false sein"),
        "bool_type": _("muss true oder false sein"),
        "date_parsing": _("ist kein Datum (JJJJ-MM-TT)"),
        "date_from_datetime_parsing": _("ist kein Datum (JJJJ-MM-TT)"),
        "date_type": _("ist kein Datum (JJJJ-MM-TT)"),
        "list_type": _("muss eine Liste sein"),
        "model_type": _("muss ein Objekt sein"),
        "dict_type": _("muss ein Objekt sein"),
        "model_attributes_type": _("muss ein Objekt sein"),
        "string_pattern_mismatch": _("hat nicht die erwartete Form"),
    }
    if kind in messages:
        return messages[kind]
    if kind == "string_too_long":
        return _("ist zu lang (höchstens %(max)s Zeichen)") % {"max": ctx.get("max_length")}
    if kind == "literal_error":
        return _("muss einer dieser Werte sein: %(values)s") % {"values": ctx.get("expected")}
    if kind in ("greater_than_equal", "less_than_equal"):
        return _("liegt außerhalb des erlaubten Bereichs")
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return str(error["msg"])


def _where(path: tuple[Any, ...]) -> str:
    return " → ".join(str(part) for part in path)


def _has_nul(value: Any) -> bool:
    """Whether a NUL character hides anywhere in a parsed JSON value (keys too). PostgreSQL
    stores none, in text or in the audit log's JSON, and the import writes some rows in bulk
    (past core.text's cleaning). Looked for without recursion: JSON may nest deeply."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def validate_services(items: list[tuple[str, Any]]) -> list[tuple[str, ServiceIn]]:
    """Each (where, raw object) as (where, ServiceIn); ImportInvalid names every problem."""
    problems: list[str] = []
    services: list[tuple[str, ServiceIn]] = []
    seen: dict[uuid.UUID, str] = {}
    for where, raw in items:
        if not isinstance(raw, dict):
            problems.append(_("%(where)s: ist kein Objekt") % {"where": where})
            continue
        label = f"{where} („{raw.get('name')}“)" if isinstance(raw.get("name"), str) else where
        if _has_nul(raw):
            problems.append(
                _("%(where)s: enthält ein unzulässiges Zeichen (NUL)") % {"where": where}
            )
            continue
        try:
            service = ServiceIn.model_validate(raw)
        except ValidationError as error:
            for item in error.errors():
                path = _where(item["loc"])
                problems.append(f"{label}: {path + ': ' if path else ''}{_message(item)}")
            continue
        if service.id in seen:
            problems.append(
                _("%(where)s: id %(id)s kommt schon in %(first)s vor")
                % {"where": label, "id": service.id, "first": seen[service.id]}
            )
        seen[service.id] = where
        services.append((label, service))
    if problems:
        raise ImportInvalid(problems)
    return services


# files --------------------------------------------------------------------------------------
def _json_items(content: bytes, name: str) -> list[tuple[str, Any]]:
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ImportInvalid([_("%(file)s: ist nicht UTF-8-kodiert") % {"file": name}]) from error
    except RecursionError as error:  # nested deeper than Python's parser goes: not HSDS
        raise ImportInvalid(
            [_("%(file)s: ist zu tief verschachtelt für ein HSDS-Angebot") % {"file": name}]
        ) from error
    except json.JSONDecodeError as error:
        raise ImportInvalid(
            [
                _("%(file)s, Zeile %(line)s, Spalte %(column)s: kein gültiges JSON (%(reason)s)")
                % {"file": name, "line": error.lineno, "column": error.colno, "reason": error.msg}
            ]
        ) from error
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        data = data["contents"]
    elif isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise ImportInvalid([_("%(file)s: erwartet wird ein HSDS-Dienst oder eine Liste davon")
                             % {"file": name}])  # fmt: skip
    return [(f"{name} [{index}]", item) for index, item in enumerate(data)]


def _zip_items(content: bytes, name: str) -> list[tuple[str, Any]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile as error:
        raise ImportInvalid([_("%(file)s: keine gültige ZIP-Datei") % {"file": name}]) from error
    members = [info for info in archive.infolist() if not info.is_dir()]
    unpacked = sum(info.file_size for info in members)
    if len(members) > MAX_ZIP_MEMBERS or unpacked > MAX_UNPACKED_BYTES:
        raise ImportInvalid([_("%(file)s: zu viele oder zu große Dateien") % {"file": name}])
    try:
        files = {info.filename.rsplit("/", 1)[-1]: archive.read(info) for info in members}
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as error:
        # damaged data, a wrong checksum, an unknown compression or a password: unreadable
        raise ImportInvalid([_("%(file)s: keine gültige ZIP-Datei") % {"file": name}]) from error
    if "services.csv" in files:
        try:
            tables = hsds_tabular.read_tables(files)
        except hsds_tabular.PackageError as error:
            raise ImportInvalid([str(error)]) from error
        return [(row.pop("_line"), row) for row in _strip_lines(hsds_tabular.assemble(tables))]
    json_files = [file for file in files if file.endswith(".json") and file != "datapackage.json"]
    if len(json_files) == 1:
        return _json_items(files[json_files[0]], json_files[0])
    raise ImportInvalid(
        [_("%(file)s: enthält weder services.csv noch genau eine JSON-Datei") % {"file": name}]
    )


def _strip_lines(services: Any) -> list[dict[str, Any]]:
    """Keep the service row's "_line" at the top; drop those of nested rows."""

    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: clean(item) for key, item in value.items() if key != "_line"}
        if isinstance(value, list):
            return [clean(item) for item in value]
        return value

    return [{**clean(service), "_line": service["_line"]} for service in services]


def read_services(content: bytes, name: str) -> list[tuple[str, ServiceIn]]:
    """The services of an uploaded file (zip or JSON), validated."""
    items = _zip_items(content, name) if content[:2] == b"PK" else _json_items(content, name)
    if not items:
        raise ImportInvalid([_("%(file)s: enthält keine Angebote") % {"file": name}])
    return validate_services(items)
