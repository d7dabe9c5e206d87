"""Schemathesis against /api/v1/openapi.json, in-process (WSGI) over the gateway's fake services.

Every operation is called with examples generated from the document (valid and invalid ones), by a few
people of different roles in turn; the bar is no server error (5xx) and no answer the document does not describe
(status code, content type, body schema, the ``Allow`` of a 405). A fresh token is issued for each call, so
``POST /auth/logout`` (which ends the person's sessions) does not leave the calls after it unauthenticated.

``EISO_SCHEMATHESIS_EXAMPLES`` is the number of examples per operation (default 5, what the test
suite runs); a longer run: ``EISO_SCHEMATHESIS_EXAMPLES=200 python -m pytest gateway/tests/test_schemathesis.py``.
Examples are derandomized: the same examples on every run, so a failure is reproducible.
"""
from __future__ import annotations

import itertools
import os

import pytest
import schemathesis
from fakes import PASSWORD
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance, response_headers_conformance, response_schema_conformance,
    status_code_conformance,
)

from eiso_gateway import create_app

EXAMPLES = int(os.environ.get("EISO_SCHEMATHESIS_EXAMPLES", "5"))
# A leader, the ISO secretary, a member of staff and the administrator (usernames of the fakes' seed).
PEOPLE = ("lanhdao", "thuky", "chuyenvien", "quantri")
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          response_headers_conformance]


@pytest.fixture
def fuzzed_app(make_settings, documents, fake):
    """The test app with sign-in budgets no run of generated examples reaches (test_ratelimit.py tests them)."""
    settings_ = make_settings(documents_url=documents.url, max_upload_mb=1, rpc_timeout=5,
                              login_limit_per_account="1000000/hour", login_limit_per_address="1000000/hour")
    return create_app(settings_, rpc=fake, test_config={"TESTING": True})


@pytest.fixture
def api_schema(fuzzed_app):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", fuzzed_app, config=SchemathesisConfig())


@pytest.fixture
def bearer(fuzzed_app):
    """A fresh token for each call, the people taking turns (the same turns on every run)."""
    client = fuzzed_app.test_client()
    people = itertools.cycle(PEOPLE)

    def issue() -> dict:
        person = next(people)
        response = client.post("/api/v1/auth/token", json={"username": person, "password": PASSWORD})
        assert response.status_code == 200, response.get_json()
        return {"Authorization": f"Bearer {response.get_json()['access_token']}"}

    return issue


def operations() -> list[tuple[str, str]]:
    """(method, path) of every operation in the document, one test each."""
    import eiso_gateway.app  # noqa: F401  (registers every area's operations in the route table)
    from eiso_gateway.api.openapi import document

    return [(method.upper(), path) for path, ops in document()["paths"].items() for method in ops]


@pytest.mark.parametrize(("method", "path"), operations(), ids=lambda value: value)
def test_every_operation_answers_as_documented(api_schema, bearer, method, path):
    operation = api_schema[path][method]
    secured = bool(operation.definition.raw.get("security"))

    @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(case=st.one_of(operation.as_strategy(generation_mode=mode) for mode in GenerationMode))
    def call(case):
        case.call_and_validate(headers=bearer() if secured else None, checks=CHECKS)

    call()
