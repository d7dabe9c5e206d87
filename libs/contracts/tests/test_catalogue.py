"""The checked-in event catalogue matches the models, and every event validates against it."""
import json

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from samples import sample_model

from eiso_contracts import catalogue
from eiso_contracts.envelope import make_event
from eiso_contracts.events.base import REGISTRY


def test_checked_in_catalogue_matches_the_models():
    assert catalogue.differences() == [], "run: python -m eiso_contracts.catalogue --write"


def test_drift_is_detected(tmp_path):
    catalogue.write(tmp_path)
    assert catalogue.differences(tmp_path) == []
    target = tmp_path / "events" / "quality.policy.issued.v1.schema.json"
    target.write_text(target.read_text().replace('"issued_by"', '"issuer"'))
    assert catalogue.differences(tmp_path) == ["out of date events/quality.policy.issued.v1.schema.json"]


@pytest.mark.parametrize("event_type", catalogue.published_types())
def test_every_event_validates_against_its_published_schema(event_type):
    schema = json.loads((catalogue.CATALOGUE / "events" / f"{event_type}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(event_json(event_type), schema)
    assert REGISTRY[event_type].summary, "every event needs a summary for outside readers"


def test_published_schema_tolerates_new_optional_fields():
    event_type = "quality.policy.issued.v1"
    schema = json.loads((catalogue.CATALOGUE / "events" / f"{event_type}.schema.json").read_text())
    event = json.loads(make_event(sample_model(REGISTRY[event_type]), source="s", prefix="vn.eiso").to_json())
    event["data"]["added_later"] = "a compatible change"
    jsonschema.validate(event, schema)


ASYNCAPI = json.loads((catalogue.CATALOGUE / "asyncapi.json").read_text(encoding="utf-8"))


def event_json(event_type: str) -> dict:
    event = make_event(sample_model(REGISTRY[event_type]), source="urn:eiso:test:svc", prefix="vn.eiso",
                       subject="thing/1")
    return json.loads(event.to_json())


def test_asyncapi_lists_every_event_on_the_one_exchange():
    assert ASYNCAPI["asyncapi"] == "3.0.0"
    channels, operations = ASYNCAPI["channels"], ASYNCAPI["operations"]
    types = catalogue.published_types()
    assert sorted(c["address"].removeprefix("{prefix}.") for c in channels.values()) == types
    assert {c["bindings"]["amqp"]["exchange"]["name"] for c in channels.values()} == {"eiso.events"}
    assert len(operations) == len(types)
    for event_type in types:
        key = catalogue.message_key(event_type)
        assert channels[key]["messages"] == {key: {"$ref": f"#/components/messages/{key}"}}
        operation = operations[f"send_{key}"]
        assert operation["action"] == "send" and operation["channel"] == {"$ref": f"#/channels/{key}"}
        message = ASYNCAPI["components"]["messages"][key]
        assert message["name"] == event_type
        assert message["payload"] == {"$ref": f"#/components/schemas/{key}"}
        assert ASYNCAPI["components"]["schemas"][key]["schemaFormat"] == catalogue.SCHEMA_FORMAT


def references(value) -> list[str]:
    if isinstance(value, dict):
        found = [value["$ref"]] if isinstance(value.get("$ref"), str) else []
        return found + [r for v in value.values() for r in references(v)]
    if isinstance(value, list):
        return [r for v in value for r in references(v)]
    return []


def test_asyncapi_refers_to_nothing_outside_itself():
    refs = references(ASYNCAPI)
    assert refs and all(ref.startswith("#/") for ref in refs), [r for r in refs if not r.startswith("#/")]
    # ... and the references inside a schema point into that same schema (AsyncAPI: one format per reference chain)
    for key, embedded in ASYNCAPI["components"]["schemas"].items():
        for ref in references(embedded):
            assert ref.startswith(f"#/components/schemas/{key}/schema/"), (key, ref)


def test_embedded_schemas_are_the_published_ones():
    for event_type in catalogue.published_types():
        standalone = json.loads((catalogue.CATALOGUE / "events" / f"{event_type}.schema.json").read_text())
        embedded = ASYNCAPI["components"]["schemas"][catalogue.message_key(event_type)]["schema"]
        assert "$id" not in embedded and "$schema" not in embedded, "they would re-base its references"
        base = f"#/components/schemas/{catalogue.message_key(event_type)}/schema/"
        restored = json.loads(json.dumps(embedded).replace(f'"{base}', '"#/'))
        assert restored == {k: v for k, v in standalone.items() if k not in ("$id", "$schema")}


@pytest.mark.parametrize("event_type", catalogue.published_types())
def test_every_event_validates_against_the_schema_in_the_asyncapi_document(event_type):
    """A 2020-12 validator given only asyncapi.json resolves every payload reference (as an outside team would)."""
    document = Resource.from_contents(ASYNCAPI, default_specification=DRAFT202012)
    registry = Registry().with_resource("urn:eiso:asyncapi", document)
    key = catalogue.message_key(event_type)
    validator = jsonschema.Draft202012Validator(
        {"$ref": f"urn:eiso:asyncapi#/components/schemas/{key}/schema"}, registry=registry)
    event = event_json(event_type)
    assert list(validator.iter_errors(event)) == []
    required = catalogue.event_schema(event_type)["properties"]["data"]["required"][0]
    broken = dict(event, data={k: v for k, v in event["data"].items() if k != required})
    assert list(validator.iter_errors(broken)), f"the embedded schema must reject an event without {required}"
