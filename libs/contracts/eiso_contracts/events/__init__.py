"""Event data models, one module per publishing service.

Importing this package registers every event type (see ``base.REGISTRY``).
"""
from . import audit, base, context, documents, quality, quality_improvement, quality_nonconformity, workflow  # noqa: F401
from .base import REGISTRY, EventData, event_model  # noqa: F401
