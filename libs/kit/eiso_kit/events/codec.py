"""The kombu serializer for ``application/cloudevents+json`` bodies.

Plain ``json`` (not kombu's, which wraps dates in kombu-only tags that outside
consumers would see).
"""
import json


def encode(value) -> str:
    if isinstance(value, (bytes, str)):
        return value if isinstance(value, str) else value.decode("utf-8")
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def decode(body):
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    return json.loads(body)
