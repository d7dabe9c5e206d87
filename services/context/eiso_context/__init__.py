"""eISO context service: the organisation (units, departments, people, roles, credentials).

Context analyses (Bối cảnh tổ chức, ISO 4.1–4.3) join this service in a later release.
"""
