"""Every owner's table of (fact, step key) names steps its dossier type really has (the workflow's YAML)."""
import importlib
from pathlib import Path

import pytest

from eiso_kit.dossiers import DossierFollower
from eiso_kit.dossiers.artefact import check_steps
from eiso_kit.settings import SERVICES
from eiso_workflow.catalogue import load_catalogue

DEFINITIONS = Path(__file__).resolve().parents[2] / "services" / "workflow" / "eiso_workflow" / "definitions"


def artefact_types():
    found = []
    for service in SERVICES:
        module = importlib.import_module(f"eiso_{service}.service")
        for value in vars(module).values():
            if isinstance(value, DossierFollower):
                found += list(value.types.values())
    return found


def test_there_is_at_least_the_policy():
    assert ("quality", "policy") in {(t.service, t.kind) for t in artefact_types()}


@pytest.mark.parametrize("artefact_type", artefact_types(), ids=lambda t: f"{t.service}/{t.kind}")
def test_owner_and_definition_agree(artefact_type):
    definition = load_catalogue(DEFINITIONS).get(artefact_type.dossier_type)
    assert (definition.artefact_service, definition.artefact_kind) == (artefact_type.service, artefact_type.kind)
    assert check_steps(artefact_type, {step.key: step for step in definition.steps}) == []
