"""Plain Python rules of the documents service: no nameko, no SQLAlchemy, no web framework."""
