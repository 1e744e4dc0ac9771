"""Issue #7 F11: the OpenAPI schema says what the API really answers."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    return client.get("/api/v1/openapi.json").json()


def operation(schema, path):
    return schema["paths"][path]["get"]


@pytest.mark.parametrize("path", ["/api/v1/promises", "/api/v1/posts", "/api/v1/municipalities"])
def test_lists_document_the_page_cap_and_their_422(schema, path):
    list_op = operation(schema, path)
    assert "422" in list_op["responses"]
    page = next(p for p in list_op["parameters"] if p["name"] == "page")
    assert page["schema"]["maximum"] == 1_000_000 and page["schema"]["minimum"] == 1


@pytest.mark.parametrize(
    "path",
    ["/api/v1/promises/{promise_id}", "/api/v1/posts/{slug}", "/api/v1/municipalities/{ags}"],
)
def test_details_document_their_404(schema, path):
    assert {"404", "422"} <= set(operation(schema, path)["responses"])


def test_the_radius_lists_its_choices(schema):
    radius = next(
        p for p in operation(schema, "/api/v1/promises")["parameters"] if p["name"] == "radius"
    )
    assert radius["schema"]["enum"] == [0, 5, 10, 25, 50, 100]  # 0: only this place
