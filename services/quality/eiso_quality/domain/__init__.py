"""The quality policy's rules in plain Python: no nameko, no SQLAlchemy, no I/O."""
from .policy import CLOSED, Policy, Revision, new_policy  # noqa: F401
from .progress import Applied, Change, DossierFact, InconsistentFact, apply_fact, fact_from_event  # noqa: F401
from .submission import dossier_request, draft, ensure_may_submit, submitted, title_of  # noqa: F401
