"""Generate the event catalogue for outside consumers: JSON Schema per event + an AsyncAPI document.

``python -m eiso_contracts.catalogue --write`` regenerates ``libs/contracts/catalogue/``;
``--check`` (and a test) fails when the checked-in files and the models disagree.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import events  # noqa: F401  (registers every event model)
from .envelope import CONTENT_TYPE, CloudEvent
from .events.base import REGISTRY
from .topology import DEFAULT_PREFIX, EXCHANGE, SUBSCRIPTIONS

CATALOGUE = Path(__file__).resolve().parent.parent / "catalogue"
SCHEMA_BASE = "https://eiso.example/schemas/events"


def _dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def published_types() -> list[str]:
    """Event types of the product (models defined in ``eiso_contracts.events``), sorted."""
    return sorted(t for t, model in REGISTRY.items() if model.__module__.startswith(f"{events.__name__}."))


def _open(schema):
    """Drop ``additionalProperties: false``: a compatible change may add fields, so consumers must ignore unknown ones."""
    if isinstance(schema, dict):
        return {k: _open(v) for k, v in schema.items() if not (k == "additionalProperties" and v is False)}
    if isinstance(schema, list):
        return [_open(v) for v in schema]
    return schema


def event_schema(event_type: str) -> dict:
    """JSON Schema (2020-12) of the whole CloudEvent of one type, its data inlined."""
    model = REGISTRY[event_type]
    data_schema = _open(model.model_json_schema(mode="serialization"))
    definitions = data_schema.pop("$defs", {})
    envelope = CloudEvent.model_json_schema(mode="serialization")
    envelope_props = dict(envelope["properties"])
    envelope_props["type"] = {
        "type": "string",
        "pattern": r"^[a-z0-9.-]+\." + event_type.replace(".", r"\.") + "$",
        "description": f"<deployment prefix>.{event_type} (default prefix {DEFAULT_PREFIX})",
    }
    envelope_props["data"] = data_schema
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}/{event_type}.schema.json",
        "title": event_type,
        "description": model.summary,
        "type": "object",
        "properties": envelope_props,
        "required": ["specversion", "id", "source", "type", "time", "data"],
        "additionalProperties": True,
    }
    if definitions:
        schema["$defs"] = definitions
    return schema


def asyncapi() -> dict:
    consumers: dict[str, list[str]] = {}
    for subscription in SUBSCRIPTIONS:
        for event_type in subscription.event_types:
            consumers.setdefault(event_type, []).append(subscription.queue)
    channels, messages = {}, {}
    for event_type in published_types():
        name = event_type.replace(".", "_")
        model = REGISTRY[event_type]
        messages[name] = {
            "name": event_type,
            "title": event_type,
            "summary": model.summary,
            "contentType": CONTENT_TYPE,
            "payload": {"$ref": f"events/{event_type}.schema.json"},
            "bindings": {"amqp": {"deliveryMode": 2, "messageType": event_type, "bindingVersion": "0.2.0"}},
        }
        internal = consumers.get(event_type, [])
        channels["{prefix}." + event_type] = {
            "description": model.summary + (f" Consumed inside eISO by: {', '.join(internal)}." if internal else ""),
            "parameters": {"prefix": {"$ref": "#/components/parameters/prefix"}},
            "subscribe": {
                "operationId": f"on_{name}",
                "summary": f"eISO publishes {event_type}; bind a queue to exchange {EXCHANGE} with this routing key.",
                "message": {"$ref": f"#/components/messages/{name}"},
            },
            "bindings": {"amqp": {
                "is": "routingKey",
                "exchange": {"name": EXCHANGE, "type": "topic", "durable": True, "autoDelete": False, "vhost": "/"},
                "bindingVersion": "0.2.0",
            }},
        }
    return {
        "asyncapi": "2.6.0",
        "info": {
            "title": "eISO events",
            "version": "1.0.0",
            "description": (
                "Public events of eISO, the electronic ISO 9001:2015 quality management system. Every event is a "
                "CloudEvents 1.0 envelope in structured JSON mode (content type application/cloudevents+json) "
                f"published persistently to the durable topic exchange `{EXCHANGE}` with routing key = the event "
                "`type`. `source` + `id` are unique: deduplicate on them. Events carry identifiers and facts, never "
                "file bytes. A breaking change gets a new `.vN` type, published beside the old one for a while."
            ),
        },
        "defaultContentType": CONTENT_TYPE,
        "servers": {"rabbitmq": {"url": "amqp://{host}:5672", "protocol": "amqp", "protocolVersion": "0.9.1",
                                 "variables": {"host": {"default": "rabbitmq"}}}},
        "channels": channels,
        "components": {
            "messages": messages,
            "parameters": {"prefix": {"description": "Reverse-DNS event type prefix of the deployment "
                                                     "(EISO_EVENT_TYPE_PREFIX).",
                                      "schema": {"type": "string", "default": DEFAULT_PREFIX}}},
        },
    }


def render() -> dict[str, str]:
    """Every catalogue file as ``{relative path: text}``."""
    files = {f"events/{t}.schema.json": _dumps(event_schema(t)) for t in published_types()}
    files["asyncapi.json"] = _dumps(asyncapi())
    return files


def differences(root: Path = CATALOGUE) -> list[str]:
    expected = render()
    problems = []
    for path, text in expected.items():
        target = root / path
        if not target.exists():
            problems.append(f"missing {path}")
        elif target.read_text(encoding="utf-8") != text:
            problems.append(f"out of date {path}")
    for target in root.glob("events/*.json"):
        if f"events/{target.name}" not in expected:
            problems.append(f"stale {target.relative_to(root)}")
    return problems


def write(root: Path = CATALOGUE) -> None:
    (root / "events").mkdir(parents=True, exist_ok=True)
    for stale in root.glob("events/*.json"):
        stale.unlink()
    for path, text in render().items():
        (root / path).write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="regenerate the checked-in catalogue")
    parser.add_argument("--check", action="store_true", help="fail if the catalogue is out of date")
    args = parser.parse_args(argv)
    if args.write:
        write()
        print(f"wrote {len(render())} files to {CATALOGUE}")
        return 0
    problems = differences()
    for problem in problems:
        print(problem)
    if problems:
        print("run: python -m eiso_contracts.catalogue --write")
        return 1
    print("event catalogue is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
