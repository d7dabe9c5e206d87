"""Cải tiến liên tục (manual section 6): proposals, the leader's Phê duyệt, the improvement dossier (type 6)."""
from . import artefact  # noqa: F401  (registers the dossier's artefact description)
from .routes import bp  # noqa: F401
