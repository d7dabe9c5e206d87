"""eISO web gateway: server-rendered UI and JSON API over the services' RPC; no business data."""
from .app import create_app

__all__ = ["create_app"]
