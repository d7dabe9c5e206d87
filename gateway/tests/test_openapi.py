"""/api/v1/openapi.json is a valid OpenAPI 3.1 document covering every API route."""
import re
from urllib.parse import quote

import pytest
from eiso_contracts.base import NO_CONTROL_PATTERN
from eiso_contracts.rpc.common import ROLES
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


# What the gateway enforces, stated by the document (issue 6): each test reads the limit from the document
# and checks the gateway refuses what the document excludes, so neither can drop it alone.

def test_path_parameters_state_their_limits(document):
    seen = set()
    for path, ops in document["paths"].items():
        for op in ops.values():
            for param in op.get("parameters", []):
                if param["in"] == "path":
                    schema = param["schema"]
                    assert schema["minLength"] == 1 and schema["maxLength"] <= 64, (path, param)
                    assert "/" in schema["pattern"] and "\\x00" in schema["pattern"], (path, param)
                    seen.add(param["name"])
    assert seen == {"code", "analysis_id", "policy_id", "file_id"}
    code = document["paths"]["/api/v1/dossiers/{code}"]["get"]["parameters"][0]
    assert code["schema"]["maxLength"] == 40  # the workflow's DossierQuery.code


def _path_operations(document):
    for path, ops in document["paths"].items():
        for method, op in ops.items():
            for param in op.get("parameters", []):
                if param["in"] == "path":
                    yield path, method, param


@pytest.mark.parametrize("value", ["too long", "a\x01b", "a\x7fb"])
def test_path_parameters_outside_their_limits_are_refused(client, api_token, document, value):
    headers = api_token("lanhdao")
    for path, method, param in _path_operations(document):
        bad = "x" * (param["schema"]["maxLength"] + 1) if value == "too long" else value
        url = path.replace("{" + param["name"] + "}", quote(bad, safe=""))
        response = client.open(url, method=method.upper(), headers=headers, json={})
        assert response.status_code == 422, (url, response.get_json())
        assert "Tham số " + param["name"] in response.get_json()["message"]
        assert not re.fullmatch(param["schema"]["pattern"], bad) or len(bad) > param["schema"]["maxLength"]


def test_a_path_parameter_at_its_limit_reaches_the_service(client, api_token, document):
    code = "x" * document["paths"]["/api/v1/dossiers/{code}"]["get"]["parameters"][0]["schema"]["maxLength"]
    response = client.get(f"/api/v1/dossiers/{code}", headers=api_token("lanhdao"))
    assert response.status_code == 404  # the fake workflow's answer: the gateway let it through


def test_role_of_people_is_one_of_the_roles_and_never_empty(client, api_token, document):
    params = {p["name"]: p for p in document["paths"]["/api/v1/people"]["get"]["parameters"]}
    assert params["role"]["schema"]["enum"] == list(ROLES)
    assert params["department_id"]["schema"]["maxLength"] == 64
    headers = api_token("lanhdao")
    for bad in ("", "boss"):
        response = client.get("/api/v1/people", query_string={"role": bad}, headers=headers)
        assert response.status_code == 422, bad
        assert response.get_json()["message"].startswith("Tham số role phải là một trong: leader")
    assert client.get("/api/v1/people?role=leader", headers=headers).status_code == 200


@pytest.mark.parametrize("schema_name, field", [
    ("Credentials", "username"), ("ActRequest", "comment"), ("PolicySubmission", "request_id"),
    ("ErrorBody", "message"),
])
def test_text_fields_state_that_control_characters_are_refused(document, schema_name, field):
    prop = document["components"]["schemas"][schema_name]["properties"][field]
    branches = prop.get("anyOf", [prop])
    assert any(b.get("pattern") == NO_CONTROL_PATTERN for b in branches), prop


def test_control_characters_in_a_body_are_refused_as_documented(client, api_token, document):
    pattern = document["components"]["schemas"]["Credentials"]["properties"]["username"]["pattern"]
    assert not re.fullmatch(pattern, "lanh\x00dao")
    response = client.post("/api/v1/auth/token", json={"username": "lanh\x00dao", "password": "x"})
    assert response.status_code == 422
    assert "ký tự điều khiển" in response.get_json()["message"]


def test_405_is_documented_with_allow_and_answered_with_it(client, api_token, document):
    e405 = document["components"]["responses"]["E405"]
    assert e405["headers"]["Allow"]["required"] is True
    for ops in document["paths"].values():
        for op in ops.values():
            assert op["responses"]["405"] == {"$ref": "#/components/responses/E405"}
    response = client.delete("/api/v1/me", headers=api_token("lanhdao"))
    assert response.status_code == 405
    assert response.get_json()["error"] == "METHOD_NOT_ALLOWED"
    assert {m.strip() for m in response.headers["Allow"].split(",")} >= {"GET"}
    assert "DELETE" not in response.headers["Allow"]


def test_429_is_documented_where_it_can_happen(document):
    assert document["paths"]["/api/v1/auth/token"]["post"]["responses"]["429"] == {
        "$ref": "#/components/responses/E429"}
    assert "429" in document["paths"]["/api/v1/files"]["post"]["responses"]
    assert "429" not in document["paths"]["/api/v1/me"]["get"]["responses"]
    assert "Retry-After" in document["components"]["responses"]["E429"]["headers"]
