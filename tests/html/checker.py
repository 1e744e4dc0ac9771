"""The Nu Html Checker (vnu.jar), run once on many files: Java starts slowly, so never per page.

`make unit` / `make test-postgres` fetch the jar into var/data/ (`make vnu`, see the Makefile)
and pass its path in VNU_JAR; without it the newest var/data/vnu-*.jar is used.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings

HOW_TO_GET_IT = (
    "Run `make vnu` once: it fetches the Nu Html Checker (npm package vnu-jar) into var/data/ "
    "and installs Debian's default-jre-headless when Java is missing (`make unit` does both)."
)

# Known false positives of the checker, each an exact message with the reason it is wrong.
# (None so far: add one only with a link to the checker's issue.)
FALSE_POSITIVES: dict[str, str] = {}


@dataclass(frozen=True)
class Problem:
    line: int
    column: int
    message: str
    extract: str

    def __str__(self) -> str:
        extract = " ".join(self.extract.split())
        return f"line {self.line}, column {self.column}: {self.message}\n      {extract}"


class CheckerMissing(RuntimeError):
    pass


def find_jar() -> Path:
    configured = os.environ.get("VNU_JAR")
    if configured:
        jar = Path(configured)
        if not jar.is_absolute():
            jar = Path(settings.BASE_DIR) / jar
        if jar.is_file():
            return jar
        raise CheckerMissing(f"VNU_JAR={configured} does not exist. {HOW_TO_GET_IT}")
    jars = sorted(
        Path(settings.BASE_DIR, "var", "data").glob("vnu-*.jar"),
        key=lambda path: [int(part) for part in path.stem.removeprefix("vnu-").split(".")],
    )
    if not jars:
        raise CheckerMissing(f"The Nu Html Checker is not in var/data/. {HOW_TO_GET_IT}")
    return jars[-1]


def find_java() -> str:
    java = shutil.which("java")
    if java is None:
        raise CheckerMissing(
            f"The Nu Html Checker needs Java, and none is installed. {HOW_TO_GET_IT}"
        )
    return java


def missing() -> str:
    """Why the checker cannot run here, or "" when it can."""
    try:
        find_jar(), find_java()
    except CheckerMissing as error:
        return str(error)
    return ""


def check(files: list[Path]) -> dict[Path, list[Problem]]:
    """The errors the checker finds in each file (warnings are left out)."""
    command = [
        find_java(),
        "-Xss4m",  # the checker's README: deep documents need a bigger thread stack
        # a short run: the quick compiler and one GC thread halve the CPU time of the run
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-jar",
        str(find_jar()),
        "--errors-only",
        "--format",
        "json",
        "--stdout",
        *map(str, files),
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)  # noqa: S603
    try:
        messages = json.loads(run.stdout)["messages"]
    except (ValueError, KeyError) as error:
        raise RuntimeError(
            f"The checker gave no report (exit {run.returncode}): {run.stderr or run.stdout}"
        ) from error
    problems: dict[Path, list[Problem]] = {path: [] for path in files}
    for message in messages:
        if message.get("message") in FALSE_POSITIVES:
            continue
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        problems.setdefault(path, []).append(
            Problem(
                line=message.get("lastLine", message.get("firstLine", 0)),
                column=message.get("firstColumn", 0),
                message=_text_of(message),
                extract=message.get("extract", ""),
            )
        )
    return problems


def _text_of(message: dict) -> str:
    """The checker's message; anything but a plain error (e.g. a file it could not read) says
    what it is."""
    kind = message.get("type", "")
    text = message.get("message", "")
    return text if kind == "error" else f"{kind}: {text}"
