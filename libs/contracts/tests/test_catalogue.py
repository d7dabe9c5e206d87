"""The checked-in event catalogue matches the models, and every event validates against it."""
import json

import jsonschema
import pytest
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
    event = make_event(sample_model(REGISTRY[event_type]), source="urn:eiso:test:svc", prefix="vn.eiso",
                       subject="thing/1")
    jsonschema.validate(json.loads(event.to_json()), schema)
    assert REGISTRY[event_type].summary, "every event needs a summary for outside readers"


def test_published_schema_tolerates_new_optional_fields():
    event_type = "quality.policy.issued.v1"
    schema = json.loads((catalogue.CATALOGUE / "events" / f"{event_type}.schema.json").read_text())
    event = json.loads(make_event(sample_model(REGISTRY[event_type]), source="s", prefix="vn.eiso").to_json())
    event["data"]["added_later"] = "a compatible change"
    jsonschema.validate(event, schema)


def test_asyncapi_lists_every_event_on_the_one_exchange():
    document = json.loads((catalogue.CATALOGUE / "asyncapi.json").read_text())
    assert document["asyncapi"] == "2.6.0"
    channels = document["channels"]
    assert sorted(name.removeprefix("{prefix}.") for name in channels) == catalogue.published_types()
    assert {c["bindings"]["amqp"]["exchange"]["name"] for c in channels.values()} == {"eiso.events"}
    for channel in channels.values():
        ref = channel["subscribe"]["message"]["$ref"].rsplit("/", 1)[1]
        payload = document["components"]["messages"][ref]["payload"]["$ref"]
        assert (catalogue.CATALOGUE / payload).exists()
