"""HSDS 3.0 tabular data package: compiled service objects ⇄ one CSV per table, with a
datapackage.json (Frictionless Data) that names each table's fields and keys.

`flatten` turns nested objects into rows (a nested list gets its parent's id, e.g. a phone
of a service its `service_id`; a nested object lends its id to the parent, e.g. a service its
`organization_id`; attributes get `link_id` and `link_entity`); `assemble` does the reverse.
Extension properties ("x-…") are extra columns of their object's table; lists and objects
there are JSON text. The field lists are those of HSDS 3.0's datapackage.json.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import IO, Any

from .hsds import DATA_LICENSE, HSDS_VERSION


def _fields(spec: str) -> list[tuple[str, str]]:
    """ "id name minimum_age:number" → [("id", "string"), ("name", "string"), …]"""
    return [tuple(f"{item}:string".split(":")[:2]) for item in spec.split()]  # type: ignore[misc]


# table: (file, HSDS fields with their types, our extension columns)
TABLES: dict[str, tuple[str, list[tuple[str, str]], tuple[str, ...]]] = {
    "organization": (
        "organizations.csv",
        _fields(
            "id name alternate_name description email website tax_status tax_id "
            "year_incorporated:number legal_status logo uri parent_organization_id"
        ),
        ("x-translations",),
    ),
    "service": (
        "services.csv",
        _fields(
            "id organization_id program_id name alternate_name description url email status "
            "interpretation_services application_process fees_description wait_time fees "
            "accreditations eligibility_description minimum_age:number maximum_age:number "
            "assured_date:date assurer_email licenses alert last_modified:datetime"
        ),
        ("x-summary", "x-closed_until", "x-translations"),
    ),
    "phone": (
        "phones.csv",
        _fields(
            "id location_id service_id organization_id contact_id service_at_location_id "
            "number extension:number type description"
        ),
        (),
    ),
    "contact": (
        "contacts.csv",
        _fields(
            "id organization_id service_id service_at_location_id location_id name title "
            "department email"
        ),
        (),
    ),
    "language": (
        "languages.csv",
        _fields("id service_id location_id phone_id name code note"),
        (),
    ),
    "attribute": (
        "attributes.csv",
        _fields("id link_id taxonomy_term_id link_type link_entity value"),
        (),
    ),
    "taxonomy_term": (
        "taxonomy_terms.csv",
        _fields("id code name description parent_id taxonomy language taxonomy_id term_uri"),
        (),
    ),
    "taxonomy": ("taxonomies.csv", _fields("id name description uri version"), ()),
    "cost_option": (
        "cost_options.csv",
        _fields(
            "id service_id valid_from:date valid_to:date option currency amount:number "
            "amount_description"
        ),
        (),
    ),
    "required_document": (
        "required_documents.csv",
        _fields("id service_id document uri"),
        (),
    ),
    "location": (
        "locations.csv",
        _fields(
            "id location_type url organization_id name alternate_name description "
            "transportation latitude:number longitude:number external_identifier "
            "external_identifier_type"
        ),
        ("x-address", "x-translations"),
    ),
    "address": (
        "addresses.csv",
        _fields(
            "id location_id attention address_1 address_2 city region state_province "
            "postal_code country address_type"
        ),
        (),
    ),
    "accessibility": (
        "accessibility.csv",
        _fields("id location_id description details url"),
        (),
    ),
    "service_at_location": (
        "service_at_location.csv",
        _fields("id service_id location_id description"),
        ("x-by_appointment", "x-schedule_exceptions"),
    ),
    "schedule": (
        "schedules.csv",
        _fields(
            "id service_id location_id service_at_location_id valid_from:date valid_to:date "
            "dtstart:date timezone:number until:date count:number wkst freq interval:number "
            "byday byweekno bymonthday byyearday description opens_at:time closes_at:time "
            "schedule_link attending_type notes"
        ),
        (),
    ),
}
JSON_COLUMNS = {"x-translations", "x-schedule_exceptions", "x-address"}
BOOLEAN_COLUMNS = {"x-by_appointment"}

# Nested properties of each object: (property, table of the nested object, how it is linked):
# "child" — a list; each row gets <parent table>_id; "parent" — one object; the parent row
# gets <its table>_id; "attribute" — a list of attributes; each gets link_id and link_entity.
NESTED: dict[str, tuple[tuple[str, str, str], ...]] = {
    "service": (
        ("organization", "organization", "parent"),
        ("phones", "phone", "child"),
        ("contacts", "contact", "child"),
        ("languages", "language", "child"),
        ("attributes", "attribute", "attribute"),
        ("cost_options", "cost_option", "child"),
        ("required_documents", "required_document", "child"),
        ("schedules", "schedule", "child"),
        ("service_at_locations", "service_at_location", "child"),
    ),
    "organization": (
        ("phones", "phone", "child"),
        ("contacts", "contact", "child"),
        ("attributes", "attribute", "attribute"),
    ),
    "service_at_location": (
        ("location", "location", "parent"),
        ("phones", "phone", "child"),
        ("contacts", "contact", "child"),
        ("schedules", "schedule", "child"),
        ("attributes", "attribute", "attribute"),
    ),
    "location": (
        ("addresses", "address", "child"),
        ("accessibility", "accessibility", "child"),
        ("phones", "phone", "child"),
        ("contacts", "contact", "child"),
        ("languages", "language", "child"),
        ("schedules", "schedule", "child"),
        ("attributes", "attribute", "attribute"),
    ),
    "contact": (("phones", "phone", "child"),),
    "phone": (("languages", "language", "child"),),
    "attribute": (("taxonomy_term", "taxonomy_term", "parent"),),
    "taxonomy_term": (("taxonomy_detail", "taxonomy", "parent"),),
}
# Tables whose rows many portals share (the same terms): deduplicated across portals too.
SHARED_TABLES = ("taxonomy_term", "taxonomy")
_FOREIGN_KEY = re.compile(r"^(.*)_id$")


def columns(table: str) -> list[str]:
    _path, fields, extensions = TABLES[table]
    return [name for name, _type in fields] + list(extensions)


def datapackage(*, name: str, title: str, homepage: str) -> dict[str, Any]:
    """The package's datapackage.json: every table with its fields, primary and foreign keys."""
    resources = []
    for table, (path, fields, extensions) in TABLES.items():
        schema_fields = [{"name": field, "type": kind} for field, kind in fields]
        schema_fields += [
            {
                "name": extension,
                "type": "boolean" if extension in BOOLEAN_COLUMNS else "string",
                "description": "Handschlag extension"
                + (" (JSON)" if extension in JSON_COLUMNS else ""),
            }
            for extension in extensions
        ]
        foreign_keys = []
        for field, _kind in fields:
            match = _FOREIGN_KEY.match(field)
            if match and match.group(1) in TABLES and field != "id":
                foreign_keys.append(
                    {"fields": field, "reference": {"resource": match.group(1), "fields": "id"}}
                )
        resources.append(
            {
                "name": table,
                "path": path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": schema_fields,
                    "primaryKey": "id",
                    "foreignKeys": foreign_keys,
                },
            }
        )
    return {
        "name": name,
        "title": title,
        "profile": "tabular-data-package",
        "homepage": homepage,
        "licenses": [DATA_LICENSE],
        "x-hsds-version": HSDS_VERSION,
        "resources": resources,
    }


# compiled objects → rows ------------------------------------------------------------------
def flatten(services: Iterable[dict[str, Any]]) -> dict[str, dict[str, dict[str, Any]]]:
    """{table: {id: row}} of `services` and everything nested in them (each row once)."""
    tables: dict[str, dict[str, dict[str, Any]]] = {table: {} for table in TABLES}

    def visit(table: str, obj: dict[str, Any], link: dict[str, Any]) -> None:
        wanted = set(columns(table))
        row = {key: value for key, value in obj.items() if key in wanted}
        row.update(link)
        for prop, child, how in NESTED.get(table, ()):
            value = obj.get(prop)
            if not value:
                continue
            if how == "parent":
                visit(child, value, {})
                row[f"{child}_id"] = value["id"]
            else:
                child_link = (
                    {f"{table}_id": obj["id"]}
                    if how == "child"
                    else {"link_id": obj["id"], "link_entity": table}
                )
                for item in value:
                    visit(child, item, child_link)
        tables[table].setdefault(obj["id"], row)

    for service in services:
        visit("service", service, {})
    return tables


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def write_rows(out: IO[str], table: str, rows: Iterable[dict[str, Any]], *, header: bool) -> None:
    names = columns(table)
    writer = csv.writer(out)
    if header:
        writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in names])


def write_package(
    target: IO[bytes], services: Iterable[dict[str, Any]], *, package: dict[str, Any]
) -> None:
    """The zip of one package: datapackage.json and one CSV per table."""
    tables = flatten(services)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            entry("datapackage.json"), json.dumps(package, ensure_ascii=False, indent=2)
        )
        for table, (path, _fields, _extensions) in TABLES.items():
            out = io.StringIO()
            write_rows(out, table, tables[table].values(), header=True)
            archive.writestr(entry(path), out.getvalue())


def entry(name: str) -> zipfile.ZipInfo:
    """A zip entry without the time it was written: the same data give the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


# rows → compiled objects ------------------------------------------------------------------
class PackageError(ValueError):
    """The package cannot be read (not a zip, a table missing or unreadable)."""


def _value(table: str, name: str, text: str) -> Any:
    if text == "":
        return None
    if name in JSON_COLUMNS:
        try:
            return json.loads(text)
        except ValueError:
            return text  # the validation names the field
    if name in BOOLEAN_COLUMNS:
        return {"true": True, "false": False}.get(text.lower(), text)
    kinds = dict(TABLES[table][1])
    if kinds.get(name) == "number":
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if number.is_integer() and "." not in text else number
    return text


def read_tables(files: dict[str, bytes]) -> dict[str, list[dict[str, Any]]]:
    """{table: rows} of the CSVs present; each row knows its line ("_line")."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for table, (path, _fields, _extensions) in TABLES.items():
        if path not in files:
            continue
        try:
            text = files[path].decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise PackageError(f"{path}: not UTF-8 ({error})") from error
        try:
            tables[table] = _rows(table, path, text)
        except csv.Error as error:  # e.g. a field over csv's size limit, a stray quote
            raise PackageError(f"{path}: not a readable CSV table ({error})") from error
    if "service" not in tables:
        raise PackageError("services.csv is missing")
    return tables


def _rows(table: str, path: str, text: str) -> list[dict[str, Any]]:
    rows = []
    for line, raw in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        row: dict[str, Any] = {
            name: _value(table, name, value or "")
            for name, value in raw.items()
            if name is not None
        }
        row["_line"] = f"{path}:{line}"
        rows.append(row)
    return rows


def assemble(tables: dict[str, list[dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    """The compiled service objects of a package's rows (the inverse of `flatten`)."""
    by_id = {table: {row.get("id"): row for row in rows} for table, rows in tables.items()}
    children: dict[tuple[str, str, Any], list[dict[str, Any]]] = defaultdict(list)
    for table, rows in tables.items():
        for row in rows:
            for name, value in row.items():
                if value and (name.endswith("_id") or name == "link_id"):
                    children[(table, name, value)].append(row)

    def build(table: str, row: dict[str, Any], depth: int = 0) -> dict[str, Any]:
        obj = {key: value for key, value in row.items() if value is not None}
        if depth > 8:  # a package that loops: stop, the validation names what is missing
            return obj
        for prop, child, how in NESTED.get(table, ()):
            if how == "parent":
                target = by_id.get(child, {}).get(row.get(f"{child}_id"))
                if target is not None:
                    obj[prop] = build(child, target, depth + 1)
            elif how == "child":
                found = children.get((child, f"{table}_id", row.get("id")), [])
                if found:
                    obj[prop] = [build(child, item, depth + 1) for item in found]
            else:
                found = [
                    item
                    for item in children.get((child, "link_id", row.get("id")), [])
                    if item.get("link_entity") in (table, None)
                ]
                if found:
                    obj[prop] = [build(child, item, depth + 1) for item in found]
        return obj

    for row in tables.get("service", []):
        yield build("service", row)
