"""The rules of the organisation, in plain Python (no nameko, no SQLAlchemy)."""
