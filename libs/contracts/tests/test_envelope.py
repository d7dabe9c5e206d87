"""The CloudEvents envelope: building, parsing, refusing what is not one."""
from datetime import datetime

import pytest
from samples import sample_model

from eiso_contracts.envelope import make_event, parse_event
from eiso_contracts.errors import InvalidInput
from eiso_contracts.events.quality import PolicyIssued


def test_round_trip_keeps_the_typed_data():
    data = sample_model(PolicyIssued)
    event = make_event(data, source="urn:eiso:local:quality", prefix="vn.gov.qb.eiso", subject="policy/1")
    parsed = parse_event(event.to_json())
    assert parsed.type == "vn.gov.qb.eiso.quality.policy.issued.v1"
    assert parsed.event_type("vn.gov.qb.eiso") == "quality.policy.issued.v1"
    assert parsed.payload("vn.gov.qb.eiso") == data
    assert parsed.specversion == "1.0" and parsed.datacontenttype == "application/json"
    assert parsed.time.tzinfo is not None


def test_each_event_gets_a_fresh_id():
    data = sample_model(PolicyIssued)
    assert make_event(data, source="s", prefix="p").id != make_event(data, source="s", prefix="p").id


@pytest.mark.parametrize("body", [b"not json", b"{}", b'{"specversion": "0.3", "id": "1", "source": "s", '
                                  b'"type": "t", "time": "2026-01-01T00:00:00Z", "data": {}}',
                                  b'{"specversion": "1.0", "id": "1", "source": "s", "type": "t", '
                                  b'"time": "2026-01-01T00:00:00", "data": {}}'])
def test_malformed_envelopes_are_refused_with_a_typed_error(body):
    with pytest.raises(InvalidInput):
        parse_event(body)


def test_unknown_type_or_prefix_or_bad_data_is_refused():
    event = make_event(sample_model(PolicyIssued), source="s", prefix="vn.eiso")
    with pytest.raises(InvalidInput, match="not under prefix"):
        event.payload("other.prefix")
    broken = event.model_copy(update={"data": {"policy_id": "1"}})
    with pytest.raises(InvalidInput, match="invalid data"):
        broken.payload("vn.eiso")
    unknown = event.model_copy(update={"type": "vn.eiso.quality.policy.exploded.v1"})
    with pytest.raises(InvalidInput, match="unknown event type"):
        unknown.payload("vn.eiso")


def test_time_is_serialised_as_rfc3339_utc():
    event = make_event(sample_model(PolicyIssued), source="s", prefix="p", time=datetime.fromisoformat("2026-11-25T08:00:00+07:00"))
    assert '"time":"2026-11-25T08:00:00+07:00"' in event.to_json().decode()
