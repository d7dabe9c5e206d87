"""/api/v1/openapi.json is a valid OpenAPI 3.1 document covering every API route."""
import re

import pytest
from openapi_spec_validator import validate


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def test_document_is_valid_openapi_3_1(document):
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_every_api_route_is_documented(app, document):
    documented = {(path, method.upper()) for path, ops in document["paths"].items() for method in ops}
    served = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1"):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            served.add((path, method))
    assert served == documented


def test_request_models_hide_the_actor(document):
    schemas = document["components"]["schemas"]
    assert "actor" not in schemas["ActRequest"]["properties"]
    assert "code" not in schemas["ActRequest"]["properties"]
    assert set(schemas["ActRequest"]["properties"]) >= {"expected_version", "action", "next", "content"}
    assert "actor" not in schemas["PolicySubmission"]["properties"]


def test_operations_are_secured_except_token_health_and_document(document):
    public = {("/api/v1/auth/token", "post"), ("/api/v1/health", "get"), ("/api/v1/openapi.json", "get")}
    for path, ops in document["paths"].items():
        for method, op in ops.items():
            assert op["security"] == ([] if (path, method) in public else [{"bearerAuth": []}]), (path, method)


def test_errors_are_documented_with_one_schema(document):
    op = document["paths"]["/api/v1/dossiers/{code}/actions"]["post"]
    for status in ("400", "401", "403", "404", "409", "422", "500", "503", "504"):
        assert op["responses"][status] == {"$ref": f"#/components/responses/E{status}"}
    error = document["components"]["schemas"]["ErrorBody"]
    assert error["required"] == ["error", "message"]
