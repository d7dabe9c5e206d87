"""The artefact side of a dossier, once for every owning service.

An owning service (quality for policies and objectives, context for context
analyses, ...) declares an ``ArtefactType``: its repository, its content model
and a table of what happens to the artefact at (fact kind, step key). The kit
does the rest: turns ``workflow.dossier.*`` events into ``DossierFact``s,
applies them to the artefact in the order the workflow produced them
(buffering any that arrive early), checks that the fact belongs to the
artefact, records the audit trail and emits the owner's events, all in one
transaction with the inbox mark. ``submit`` does the owner's half of opening
a dossier, with an idempotency key scoped to the person.
"""
from .artefact import ArtefactType, Change  # noqa: F401
from .facts import PROGRESS_EVENT_TYPES, DossierFact, InconsistentFact, fact_of  # noqa: F401
from .follower import DossierFollower  # noqa: F401
from .submit import submit, workflow_check  # noqa: F401
from .succession import Succession, succession  # noqa: F401
from .tables import dossier_tables  # noqa: F401
