"""Generate the event catalogue for outside consumers: JSON Schema per event + an AsyncAPI document.

``python -m eiso_contracts.catalogue --write`` regenerates ``libs/contracts/catalogue/``;
``--check`` (and a test) fails when the checked-in files and the models disagree.

- ``events/<type>.schema.json``: the whole CloudEvent of one type, JSON Schema 2020-12, standalone.
- ``asyncapi.json``: AsyncAPI 3.0. It carries every schema itself (``components/schemas``, format
  ``application/schema+json;version=draft-2020-12``) and refers to nothing outside itself, so it loads from its
  text alone. Why 3.0 and not 2.6: 2.6 can declare the format only on the message, where the official parser
  (@asyncapi/parser) reports a 2020-12 format it has no parser for as a warning; 3.0 declares it on the schema
  (Multi Format Schema Object), a custom format the spec allows and the parser accepts without a diagnostic.
  3.0 has no ``messageId``: a message's key in ``components/messages`` and in its channel is its identifier.
  libs/contracts/tests/test_asyncapi_parser.py loads it with that parser and fails on any error or warning.
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
VHOST = "eiso"  # the RabbitMQ virtual host of docker-compose.yml


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


ASYNCAPI_VERSION = "3.0.0"
# The dialect of every schema here (pydantic writes JSON Schema 2020-12), as an AsyncAPI schemaFormat.
SCHEMA_FORMAT = "application/schema+json;version=draft-2020-12"
AMQP_BINDING = "0.3.0"


def message_key(event_type: str) -> str:
    """The identifier of one event's message (and its schema, channel, operation): ``quality_policy_issued_v1``.

    AsyncAPI 3 has no ``messageId`` field: the key of a message in ``components/messages`` and in its channel's
    ``messages`` is its identifier.
    """
    return event_type.replace(".", "_")


def _pointer_token(text: str) -> str:
    return text.replace("~", "~0").replace("/", "~1")


def _rebase_refs(schema, base: str):
    """``#/$defs/X`` -> ``<base>/$defs/X``: references that resolve from the root of the AsyncAPI document."""
    if isinstance(schema, dict):
        return {k: (base + v[1:] if k == "$ref" and isinstance(v, str) and v.startswith("#/") else _rebase_refs(v, base))
                for k, v in schema.items()}
    if isinstance(schema, list):
        return [_rebase_refs(v, base) for v in schema]
    return schema


def embedded_schema(event_type: str) -> dict:
    """The event's schema as a Multi Format Schema Object of ``components/schemas``.

    The same schema as ``events/<type>.schema.json`` without ``$schema`` and ``$id`` (the format says the dialect;
    an ``$id`` would make its references resolve against eiso.example instead of this document), its internal
    references rewritten to point into this document, so no reader needs anything but ``asyncapi.json``.
    """
    key = message_key(event_type)
    schema = {k: v for k, v in event_schema(event_type).items() if k not in ("$schema", "$id")}
    base = f"#/components/schemas/{_pointer_token(key)}/schema"
    return {"schemaFormat": SCHEMA_FORMAT, "schema": _rebase_refs(schema, base)}


def asyncapi() -> dict:
    consumers: dict[str, list[str]] = {}
    for subscription in SUBSCRIPTIONS:
        for event_type in subscription.event_types:
            consumers.setdefault(event_type, []).append(subscription.queue)
    channels, operations, messages, schemas = {}, {}, {}, {}
    for event_type in published_types():
        key = message_key(event_type)
        model = REGISTRY[event_type]
        schemas[key] = embedded_schema(event_type)
        messages[key] = {
            "name": event_type,
            "title": event_type,
            "summary": model.summary,
            "contentType": CONTENT_TYPE,
            "payload": {"$ref": f"#/components/schemas/{key}"},
            "bindings": {"amqp": {"messageType": event_type, "bindingVersion": AMQP_BINDING}},
        }
        internal = consumers.get(event_type, [])
        channels[key] = {
            "address": "{prefix}." + event_type,
            "title": event_type,
            "description": model.summary + (f" Consumed inside eISO by: {', '.join(internal)}." if internal else ""),
            "parameters": {"prefix": {"$ref": "#/components/parameters/prefix"}},
            "messages": {key: {"$ref": f"#/components/messages/{key}"}},
            "bindings": {"amqp": {
                "is": "routingKey",
                "exchange": {"name": EXCHANGE, "type": "topic", "durable": True, "autoDelete": False,
                             "vhost": VHOST},
                "bindingVersion": AMQP_BINDING,
            }},
        }
        operations[f"send_{key}"] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{key}"},
            "messages": [{"$ref": f"#/channels/{key}/messages/{key}"}],
            "summary": f"eISO publishes {event_type}; bind a queue to exchange {EXCHANGE} with this routing key.",
            "bindings": {"amqp": {"deliveryMode": 2, "mandatory": True, "bindingVersion": AMQP_BINDING}},
        }
    return {
        "asyncapi": ASYNCAPI_VERSION,
        "id": "urn:eiso:events",
        "info": {
            "title": "eISO events",
            "version": "1.0.0",
            "description": (
                "Public events of eISO, the electronic ISO 9001:2015 quality management system. Every event is a "
                "CloudEvents 1.0 envelope in structured JSON mode (content type application/cloudevents+json) "
                f"published persistently to the durable topic exchange `{EXCHANGE}` with routing key = the event "
                "`type`. `source` + `id` are unique: deduplicate on them. Events carry identifiers and facts, never "
                "file bytes. A breaking change gets a new `.vN` type, published beside the old one for a while. "
                "Every payload is a JSON Schema 2020-12 document, embedded under `components/schemas`; the same "
                "schemas stand alone in `events/<type>.schema.json` beside this file."
            ),
            "tags": [{"name": "cloudevents"}, {"name": "iso-9001"}],
        },
        "defaultContentType": CONTENT_TYPE,
        "servers": {"rabbitmq": {
            "host": "{host}:5672",
            "pathname": "/" + VHOST,
            "protocol": "amqp",
            "protocolVersion": "0.9.1",
            "description": f"The deployment's RabbitMQ; eISO's virtual host is `{VHOST}` (deploy/README.md).",
            "variables": {"host": {"default": "rabbitmq", "description": "Host name of the broker."}},
        }},
        "channels": channels,
        "operations": operations,
        "components": {
            "schemas": schemas,
            "messages": messages,
            "parameters": {"prefix": {"description": "Reverse-DNS event type prefix of the deployment "
                                                     "(EISO_EVENT_TYPE_PREFIX).",
                                      "default": DEFAULT_PREFIX}},
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
