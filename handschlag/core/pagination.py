"""API pagination with a cap on the page number, shared by every app's router."""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

# An OFFSET beyond 64 bits fails in the database (SQLite and PostgreSQL alike): no list has
# anywhere near this many pages, so anything larger is an input error (422), not a 500.
MAX_PAGE = 1_000_000


class CappedPageNumberPagination(PageNumberPagination):
    """Ninja's page-number pagination; `page` is at most MAX_PAGE, in the schema too."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description=f"Seite, 1 bis {MAX_PAGE}")
        page_size: int | None = Field(None, ge=1, le=100, description="Einträge je Seite")


def _error(description: str, detail: dict) -> dict:
    return {
        "description": description,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {"detail": detail},
                    "required": ["detail"],
                }
            }
        },
    }


# The answers every endpoint can give besides 200, for the OpenAPI schema.
NOT_FOUND = {"404": _error("Gibt es nicht (oder nicht öffentlich).", {"type": "string"})}
INVALID = {
    "422": _error(
        "Ein Parameter ist ungültig; `detail` nennt ihn (loc) und sagt warum (msg).",
        {"type": "array", "items": {"type": "object"}},
    )
}
LIST_RESPONSES = {"responses": INVALID}
DETAIL_RESPONSES = {"responses": {**NOT_FOUND, **INVALID}}
