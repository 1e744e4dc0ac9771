"""Validation against the published HSDS 3.0 schemas vendored in hsds_schema/ (see its README).

`service_errors(obj)` checks one compiled service object (with its nested organization,
service_at_locations → location, schedules, …) against `schema/service.json` and the schemas
it refers to, with JSON Schema 2020-12 and format checks (uuid, email, date). `strict=True`
also refuses any property the schemas do not define, except our documented `x-` extensions:
the way the specification checks its own examples (additionalProperties false everywhere), so
that a misspelt HSDS field cannot pass unnoticed.

`package_errors(files)` checks a tabular data package (file name → bytes) against the
specification's datapackage.json: every table is an HSDS table, its header holds only the
table's fields (and our documented "x-" extension columns), required fields are filled in,
identifiers are UUIDs and unique, and every foreign key points to a row that exists.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import uuid
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

HERE = Path(__file__).parent / "hsds_schema"
BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
EXTENSION = "^x-"


def _strict(schema: Any) -> Any:
    """A copy with additionalProperties false on every object (our x- extensions allowed)."""
    if isinstance(schema, dict):
        schema = {key: _strict(value) for key, value in schema.items()}
        if schema.get("type") == "object" and "properties" in schema:
            schema["additionalProperties"] = False
            schema["patternProperties"] = {EXTENSION: {}}
        return schema
    if isinstance(schema, list):
        return [_strict(item) for item in schema]
    return schema


@cache
def _validator(name: str, strict: bool) -> Draft202012Validator:
    resources = []
    for path in (HERE / "schema").glob("*.json"):
        contents = json.loads(path.read_text())
        if strict:
            contents = _strict(contents)
        contents["$id"] = BASE + path.name
        resources.append((BASE + path.name, Resource(contents, specification=DRAFT202012)))
    registry: Registry = Registry().with_resources(resources)
    root = copy.deepcopy(registry.contents(BASE + name))
    return Draft202012Validator(root, registry=registry, format_checker=FormatChecker())


def service_errors(obj: dict, *, strict: bool = False) -> list[str]:
    """Every way `obj` breaks the HSDS 3.0 service schema, as "path: message"."""
    validator = _validator("service.json", strict)
    return [
        "/".join(str(part) for part in error.absolute_path) + ": " + error.message
        for error in validator.iter_errors(obj)
    ]


@cache
def datapackage() -> dict:
    return json.loads((HERE / "datapackage.json").read_text())


def package_errors(files: dict[str, bytes]) -> list[str]:
    """Every way the tabular package `files` breaks the HSDS 3.0 datapackage."""
    errors: list[str] = []
    spec = {resource["path"]: resource for resource in datapackage()["resources"]}
    ids: dict[str, set[str]] = {}
    tables: dict[str, tuple[dict, list[dict[str, str]]]] = {}
    for path, content in files.items():
        if not path.endswith(".csv") or path.startswith("x-"):
            continue
        if path not in spec:
            errors.append(f"{path}: not a table of HSDS 3.0")
            continue
        resource = spec[path]
        fields = {field["name"]: field for field in resource["schema"]["fields"]}
        reader = csv.DictReader(io.StringIO(content.decode("utf-8")))
        header = reader.fieldnames or []
        errors += [
            f"{path}: column {name} is not an HSDS field"
            for name in header
            if name not in fields and not name.startswith("x-")  # our documented extensions
        ]
        rows = list(reader)
        for name, field in fields.items():
            if field.get("constraints", {}).get("required") and name not in header:
                errors.append(f"{path}: required column {name} is missing")
        seen: set[str] = set()
        for number, row in enumerate(rows, start=2):
            for name, field in fields.items():
                value = row.get(name) or ""
                if field.get("constraints", {}).get("required") and not value:
                    errors.append(f"{path}:{number}: {name} is required")
                if value and field.get("format") == "uuid":
                    try:
                        uuid.UUID(value)
                    except ValueError:
                        errors.append(f"{path}:{number}: {name} is not a UUID")
                allowed = field.get("constraints", {}).get("enum")
                if value and allowed and value not in allowed:
                    errors.append(f"{path}:{number}: {name} {value!r} not allowed")
            if row["id"] in seen:
                errors.append(f"{path}:{number}: id {row['id']} is not unique")
            seen.add(row["id"])
        ids[resource["name"]] = seen
        tables[path] = (resource, rows)
    for path, (resource, rows) in tables.items():
        for key in resource["schema"].get("foreignKeys", []):
            target = key["reference"]["resource"]
            for number, row in enumerate(rows, start=2):
                value = row.get(key["fields"]) or ""
                if value and value not in ids.get(target, set()):
                    errors.append(f"{path}:{number}: {key['fields']} {value} is in no {target} row")
    if "datapackage.json" not in files:
        errors.append("datapackage.json is missing")
    else:
        package = json.loads(files["datapackage.json"])
        for resource in package.get("resources", []):
            if resource["path"] not in files:
                errors.append(f"datapackage.json names {resource['path']}, which is missing")
    return errors
