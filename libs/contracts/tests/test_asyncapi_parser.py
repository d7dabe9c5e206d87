"""An outside team loads the event catalogue with the official AsyncAPI parser: no error, no warning.

The parser is npm's ``@asyncapi/parser``, pinned in ``asyncapi/package-lock.json``; ``./eiso test`` installs it into
``asyncapi/node_modules`` with ``npm ci``. ``asyncapi/parse.mjs`` parses each document from its text alone (no file
location, as when it is downloaded on its own) and prints the parser's diagnostics and what it read. Without node or
the installed parser these tests are skipped with the reason, except with ``EISO_REQUIRE_SERVERS=1`` (CI), where
they fail.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from eiso_contracts import catalogue
from eiso_contracts.events.base import REGISTRY

HERE = Path(__file__).parent / "asyncapi"
PARSER = "@asyncapi/parser"
NODE_AT_LEAST = (20, 17)     # the parser's dependencies need it (engines in package-lock.json)
ERROR, WARNING = 0, 1        # the parser's severities; 2 (information) and 3 (hint) are allowed


def unavailable(reason: str) -> None:
    if os.environ.get("EISO_REQUIRE_SERVERS") == "1":
        pytest.fail(reason + " (EISO_REQUIRE_SERVERS=1)", pytrace=False)
    pytest.skip(reason)


def locked_version() -> str:
    lock = json.loads((HERE / "package-lock.json").read_text(encoding="utf-8"))
    return lock["packages"][f"node_modules/{PARSER}"]["version"]


def node_or_skip() -> str:
    node = shutil.which("node")
    if node is None:
        unavailable("node is not installed: the AsyncAPI parser check needs Node.js >= 20.17 and npm")
    found = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    version = tuple(int(part) for part in found.lstrip("v").split(".")[:2])
    if version < NODE_AT_LEAST:
        unavailable(f"node {found} is too old for the AsyncAPI parser (needs >= 20.17)")
    installed = HERE / "node_modules" / PARSER / "package.json"
    if not installed.exists():
        unavailable(f"the AsyncAPI parser is not installed: ./eiso test installs it (npm ci in {HERE})")
    version_installed = json.loads(installed.read_text(encoding="utf-8"))["version"]
    if version_installed != locked_version():
        pytest.fail(f"{PARSER} {version_installed} is installed, {locked_version()} locked: ./eiso test reinstalls")
    return node


@pytest.fixture(scope="module")
def parse(tmp_path_factory):
    """``parse({label: document or path})`` -> ``{label: what the parser said}`` (one node process per call)."""
    node = node_or_skip()
    folder = tmp_path_factory.mktemp("asyncapi")

    def run(documents: dict[str, dict | Path]) -> dict[str, dict]:
        files = {}
        for label, document in documents.items():
            if isinstance(document, Path):
                files[label] = document
            else:
                files[label] = folder / f"{label}.json"
                files[label].write_text(json.dumps(document), encoding="utf-8")
        result = subprocess.run([node, str(HERE / "parse.mjs"), *map(str, files.values())], cwd=HERE,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr[-3000:]
        output = json.loads(result.stdout)
        return {label: output[str(path)] for label, path in files.items()}

    return run


def serious(result: dict) -> list[str]:
    return [f"{d['code']} at {'/'.join(map(str, d['path']))}: {d['message']}"
            for d in result["diagnostics"] if d["severity"] in (ERROR, WARNING)]


@pytest.fixture(scope="module")
def checked_in(parse) -> dict:
    return parse({"catalogue": catalogue.CATALOGUE / "asyncapi.json"})["catalogue"]


def test_the_catalogue_loads_without_an_error_or_a_warning(checked_in):
    assert serious(checked_in) == []
    assert checked_in["messages"] is not None


def test_every_event_is_a_message_with_its_id_schema_format_and_resolved_payload(checked_in):
    messages = {m["name"]: m for m in checked_in["messages"]}
    assert sorted(messages) == catalogue.published_types()
    for event_type, message in messages.items():
        data_fields = sorted(REGISTRY[event_type].model_json_schema(mode="serialization")["properties"])
        assert message == {
            "id": catalogue.message_key(event_type),
            "name": event_type,
            "schemaFormat": "application/schema+json;version=draft-2020-12",
            "dataProperties": data_fields,
        }


def test_eiso_sends_every_event_on_its_routing_key(checked_in):
    operations = {o["id"]: o for o in checked_in["operations"]}
    assert len(operations) == len(catalogue.published_types())
    for event_type in catalogue.published_types():
        key = catalogue.message_key(event_type)
        assert operations[f"send_{key}"] == {"id": f"send_{key}", "action": "send",
                                             "addresses": ["{prefix}." + event_type], "messages": [key]}


def test_the_check_bites(parse):
    document = json.loads((catalogue.CATALOGUE / "asyncapi.json").read_text(encoding="utf-8"))
    key = catalogue.message_key("quality.policy.issued.v1")

    missing_payload = json.loads(json.dumps(document))
    missing_payload["components"]["messages"][key]["payload"] = {"$ref": "#/components/schemas/nothing_here"}

    relative_to_the_file = json.loads(json.dumps(document))
    relative_to_the_file["components"]["messages"][key]["payload"] = {
        "$ref": "events/quality.policy.issued.v1.schema.json"}

    definitions_not_rebased = json.loads(json.dumps(document).replace(
        f"#/components/schemas/{key}/schema/$defs/", "#/$defs/"))

    # The shape of the previous catalogue: AsyncAPI 2.6, a message without messageId (a warning).
    without_message_id = {
        "asyncapi": "2.6.0", "id": "urn:example", "defaultContentType": "application/json",
        "info": {"title": "t", "version": "1", "description": "d", "contact": {"name": "n", "url": "https://x.example",
                 "email": "a@x.example"}, "license": {"name": "MIT", "url": "https://x.example/l"}},
        "tags": [{"name": "t"}],
        "servers": {"s": {"url": "amqp://x:5672", "protocol": "amqp"}},
        "channels": {"c": {"subscribe": {"operationId": "o", "message": {"$ref": "#/components/messages/m"}}}},
        "components": {"messages": {"m": {"name": "m", "payload": {"type": "object"}}}},
    }

    results = parse({"missing_payload": missing_payload, "relative_to_the_file": relative_to_the_file,
                     "definitions_not_rebased": definitions_not_rebased, "without_message_id": without_message_id})
    for label in ("missing_payload", "relative_to_the_file", "definitions_not_rebased"):
        assert any(d["severity"] == ERROR and d["code"] == "invalid-ref" for d in results[label]["diagnostics"]), (
            label, results[label]["diagnostics"])
    warned = results["without_message_id"]["diagnostics"]
    assert {(d["severity"], d["code"]) for d in warned if d["severity"] in (ERROR, WARNING)} == {
        (WARNING, "asyncapi2-message-messageId")}
