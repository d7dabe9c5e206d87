"""The workflow's rules in plain Python: no nameko, no SQLAlchemy, no I/O.

Functions take ``now`` (aware UTC), ``today`` (the unit's local date) and the
time zone as arguments, so every rule is testable without a clock.
"""
