"""No service imports another service's code; the gateway and the libraries import no service."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICES = sorted(p.name for p in (ROOT / "services").iterdir() if (p / "pyproject.toml").exists())
SERVICE_PACKAGES = {f"eiso_{name}" for name in SERVICES}


def imported_top_levels(package_dir: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in package_dir.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


def test_there_are_six_services():
    assert SERVICES == ["audit", "context", "documents", "quality", "review", "workflow"]


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_imports_no_other_service_and_not_the_gateway(service):
    imports = imported_top_levels(ROOT / "services" / service)
    forbidden = (SERVICE_PACKAGES - {f"eiso_{service}"}) | {"eiso_gateway", "eiso_allinone"}
    offenders = {name: sorted(files) for name, files in imports.items() if name in forbidden}
    assert offenders == {}


@pytest.mark.parametrize("folder", ["gateway", "libs/kit", "libs/contracts"])
def test_gateway_and_libraries_import_no_service(folder):
    imports = imported_top_levels(ROOT / folder)
    offenders = {name: sorted(files) for name, files in imports.items()
                 if name in SERVICE_PACKAGES | {"eiso_allinone"}}
    assert offenders == {}


def test_contracts_do_no_io():
    imports = imported_top_levels(ROOT / "libs" / "contracts" / "eiso_contracts")
    assert not {"sqlalchemy", "kombu", "flask", "requests", "minio", "eiso_kit"} & set(imports)


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_answers_rpc_through_the_kits_resilient_entrypoint(service):
    """nameko's own ``rpc`` kills the container when an answer cannot be sent (eiso_kit.entrypoint)."""
    offenders = []
    for path in (ROOT / "services" / service / f"eiso_{service}").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "nameko.rpc":
                offenders += [f"{path.relative_to(ROOT)}: {alias.name}" for alias in node.names
                              if alias.name not in {"RpcProxy"}]
    assert offenders == []


def _entrypoints(service: str):
    """(method name, decorator name, request model name) of every RPC entrypoint in a service.py."""
    path = ROOT / "services" / service / f"eiso_{service}" / "service.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                call = decorator if isinstance(decorator, ast.Call) else None
                name = (call.func if call else decorator)
                name = getattr(name, "id", getattr(name, "attr", None))
                if name in {"rpc", "query", "command", "internal"}:
                    model = call.args[0].id if call and call.args and isinstance(call.args[0], ast.Name) else None
                    yield node.name, name, model


@pytest.mark.parametrize("service", SERVICES)
def test_every_rpc_is_a_kit_entrypoint_and_reads_or_changes_for_a_person_with_an_actor(service):
    """Issue 7: one shape (``@query`` / ``@command`` / ``@internal``), and every RPC that reads or changes a
    person's unit data takes the actor (the owning service answers NotFound outside the actor's unit)."""
    import eiso_contracts.rpc as contracts_rpc
    import importlib
    import pkgutil

    models = {}
    for module in pkgutil.iter_modules(contracts_rpc.__path__):
        models.update(vars(importlib.import_module(f"eiso_contracts.rpc.{module.name}")))
    from eiso_contracts.dossier import DossierRequest
    models["DossierRequest"] = DossierRequest
    found = list(_entrypoints(service))
    assert found, service
    for method, kind, model in found:
        assert kind != "rpc", f"{service}.{method}: use eiso_kit.handlers (@query, @command, @internal)"
        if kind in ("query", "command"):
            request = models[model]
            assert model == "Actor" or "actor" in request.model_fields, f"{service}.{method} takes no actor"
