"""Điểm không phù hợp (ISO 10.2): the list, "Báo cáo điểm không phù hợp", and the corrective-action dossier (type 10)."""
from . import artefact  # noqa: F401  (registers the dossier's artefact description)
from .routes import bp  # noqa: F401
