"""The dossier types this service runs, read from ``definitions/*.yml`` at start-up.

A definition that does not validate stops the service with the file name and
the reason: better than a dossier stuck on a step nobody can act on.
"""
from __future__ import annotations

from pathlib import Path

import yaml
from eiso_contracts.errors import NotFound
from pydantic import ValidationError

from .domain.definition import DossierType

DEFINITIONS = Path(__file__).parent / "definitions"


class DefinitionError(Exception):
    """A definition file is malformed or contradicts another one."""


class Catalogue:
    """Dossier types by code, in code order."""

    def __init__(self, types: list[DossierType]):
        self._by_code: dict[str, DossierType] = {}
        keys: set[str] = set()
        for dossier_type in types:
            if dossier_type.code in self._by_code:
                raise DefinitionError(f"dossier type code {dossier_type.code!r} is defined twice")
            if dossier_type.key in keys:
                raise DefinitionError(f"dossier type key {dossier_type.key!r} is defined twice")
            self._by_code[dossier_type.code] = dossier_type
            keys.add(dossier_type.key)

    def __iter__(self):
        return iter(sorted(self._by_code.values(), key=lambda t: (len(t.code), t.code)))

    def __len__(self) -> int:
        return len(self._by_code)

    def find(self, code: str) -> DossierType | None:
        return self._by_code.get(code)

    def get(self, code: str) -> DossierType:
        found = self.find(code)
        if found is None:
            raise NotFound(f"Không có loại hồ sơ mã {code!r}.")
        return found


def load_file(path: Path) -> DossierType:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DefinitionError(f"{path.name}: cannot read: {exc}") from exc
    try:
        return DossierType.model_validate(data)
    except ValidationError as exc:
        raise DefinitionError(f"{path.name}: invalid definition:\n{exc}") from exc


def load_catalogue(*folders: Path) -> Catalogue:
    """Every ``*.yml`` of ``folders`` (default: the packaged ``definitions/``)."""
    paths = sorted(p for folder in (folders or (DEFINITIONS,)) for p in Path(folder).glob("*.yml"))
    return Catalogue([load_file(path) for path in paths])
