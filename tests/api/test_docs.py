import pytest


@pytest.mark.django_db
def test_openapi_docs_are_served_without_a_cdn(client):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "swagger-ui-bundle.js" in html
    assert "cdn." not in html and "unpkg" not in html


@pytest.mark.django_db
def test_openapi_schema_lists_the_public_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/api/v1/municipalities", "/api/v1/promises", "/api/v1/posts"} <= paths
