"""Audit plans (ISO 9.2.2 b-e): date, departments, scope, criteria, the team, and the checklist answered on the day."""
