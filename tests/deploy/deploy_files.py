"""Readers for the deployment files, shared by the tests in this folder (no Docker needed).

- compose files: PyYAML with Compose's ``!reset`` / ``!override`` tags, Compose's merge of several files,
  and ``${NAME:-default}`` interpolation with the defaults (what ``docker compose up`` sees with no .env);
- the Dockerfile: instructions with their continuation lines joined, exec-form arguments decoded, its stages, and
  the image one build argument SERVICE selects (the chain of stages it is built from, the argument substituted);
- pyproject.toml / requirements files: the package folders and the pins.
"""
from __future__ import annotations

import json
import re
import shlex
import tomllib
from dataclasses import dataclass
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
SCALE_OVERRIDE = ROOT / "deploy" / "compose.scale.yml"
DEMO_OVERRIDE = ROOT / "deploy" / "compose.demo.yml"
DOCKERFILE = ROOT / "Dockerfile"
NGINX_CONF = ROOT / "deploy" / "nginx" / "eiso.conf"
POSTGRES_INIT = ROOT / "deploy" / "postgres" / "init.sql"
RUNTIME_TXT = ROOT / "requirements" / "runtime.txt"

# Every installable package of the repository, and the ones that become images.
PACKAGE_DIRS = ("libs/contracts", "libs/kit", "services/context", "services/quality", "services/audit",
                "services/review", "services/documents", "services/workflow", "gateway", "deploy/allinone")


def image_dirs(services) -> dict[str, str]:
    """Compose service name (= the Dockerfile's SERVICE) -> the package folder its image is built from."""
    dirs = {name: f"services/{name}" for name in services}
    dirs["gateway"] = "gateway"
    return dirs


# -- compose ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reset:
    """``!reset value``: replace what earlier files said (``!override`` behaves the same for our use)."""
    value: object


class ComposeLoader(yaml.SafeLoader):
    pass


def _tagged(loader, node):
    if isinstance(node, yaml.MappingNode):
        return Reset(loader.construct_mapping(node, deep=True))
    if isinstance(node, yaml.SequenceNode):
        return Reset(loader.construct_sequence(node, deep=True))
    return Reset(loader.construct_scalar(node) or None)


ComposeLoader.add_constructor("!reset", _tagged)
ComposeLoader.add_constructor("!override", _tagged)


def load_yaml(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=ComposeLoader)


_REPLACED_NOT_APPENDED = {"command", "entrypoint", "test"}


def merge(base, over, key: str | None = None):
    """Compose's merge of a later file into an earlier one (mappings merge, most sequences append)."""
    if isinstance(over, Reset):
        return over.value
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for name, value in over.items():
            merged[name] = merge(base[name], value, name) if name in base else _strip(value)
        return merged
    if isinstance(base, list) and isinstance(over, list) and key not in _REPLACED_NOT_APPENDED:
        return base + [item for item in _strip(over) if item not in base]
    return _strip(over)


def _strip(value):
    if isinstance(value, Reset):
        return value.value
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


_INTERPOLATION = re.compile(r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?])(?P<default>[^}]*))?\}")


def interpolated_names(value) -> set[str]:
    """Names of the variables a loaded compose document interpolates (comments are not looked at)."""
    if isinstance(value, Reset):
        return interpolated_names(value.value)
    if isinstance(value, dict):
        return set().union(*(interpolated_names(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(interpolated_names(v) for v in value)) if value else set()
    if isinstance(value, str):
        return {m.group("name") for m in _INTERPOLATION.finditer(value)}
    return set()


def interpolate(value, env: dict | None = None):
    """``${NAME:-default}`` -> the value in ``env``, else the default (what Compose does with no .env)."""
    env = env or {}
    if isinstance(value, dict):
        return {k: interpolate(v, env) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v, env) for v in value]
    if not isinstance(value, str):
        return value

    def one(match):
        name, default = match.group("name"), match.group("default") or ""
        if env.get(name):
            return env[name]
        return default if (match.group("op") or "").endswith("-") else ""

    return _INTERPOLATION.sub(one, value)


def compose(*overrides: Path, env: dict | None = None) -> dict:
    """docker-compose.yml merged with ``overrides``, interpolated with ``env`` (a .env file) and the defaults."""
    merged = _strip(load_yaml(COMPOSE))
    for path in overrides:
        merged = merge(merged, load_yaml(path))
    return interpolate(merged, env)


def environment(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {k: "" if v is None else str(v) for k, v in env.items()}


@dataclass(frozen=True)
class PortMapping:
    host_ip: str
    published: str
    target: str


def ports(service: dict) -> list[PortMapping]:
    found = []
    for item in service.get("ports") or []:
        if isinstance(item, dict):
            found.append(PortMapping(str(item.get("host_ip", "")), str(item.get("published", "")),
                                     str(item["target"])))
            continue
        parts = str(item).split("/")[0].split(":")
        if len(parts) == 1:
            found.append(PortMapping("", "", parts[0]))
        elif len(parts) == 2:
            found.append(PortMapping("", parts[0], parts[1]))
        else:
            found.append(PortMapping(parts[0], parts[1], parts[2]))
    return found


# -- Dockerfiles --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Instruction:
    keyword: str
    rest: str

    @property
    def exec_form(self) -> list[str] | None:
        text = self.rest
        if self.keyword == "HEALTHCHECK":
            found = re.search(r"(?:^|\s)CMD\s+(.*)$", text)
            text = found.group(1).strip() if found else ""
        if text.startswith("["):
            return json.loads(text)
        return None


def dockerfile(path: Path = DOCKERFILE) -> list[Instruction]:
    logical, current = [], ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        if current and line.startswith("#"):
            continue  # a comment inside a continued instruction
        if line.endswith("\\"):
            current += line[:-1].strip() + " "
            continue
        logical.append(current + line)
        current = ""
    instructions = []
    for line in logical:
        keyword, _, rest = line.partition(" ")
        instructions.append(Instruction(keyword.upper(), rest.strip()))
    return instructions


@dataclass(frozen=True)
class Stage:
    base: str                      # an image, or the name of an earlier stage (as written: ${ARG}s unexpanded)
    name: str | None
    instructions: tuple[Instruction, ...]


def stages(path: Path = DOCKERFILE) -> tuple[dict[str, str], list[Stage]]:
    """The build arguments declared before the first FROM (name -> default), and the stages in order."""
    global_args: dict[str, str] = {}
    found: list[Stage] = []
    for ins in dockerfile(path):
        if ins.keyword == "FROM":
            words = ins.rest.split()
            name = words[2] if len(words) == 3 and words[1].upper() == "AS" else None
            assert len(words) in (1, 3), f"FROM {ins.rest}: options are not read here"
            found.append(Stage(words[0], name, ()))
        elif not found:
            assert ins.keyword == "ARG", f"{ins.keyword} before the first FROM"
            name, _, default = ins.rest.partition("=")
            global_args[name] = default
        else:
            last = found[-1]
            found[-1] = Stage(last.base, last.name, last.instructions + (ins,))
    return global_args, found


def substitute(text: str, args: dict[str, str]) -> str:
    """``${NAME}`` / ``$NAME`` -> its value in ``args``; any other name is left as written."""
    return re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda m: args.get(m.group(1) or m.group(2), m.group(0)), text)


def _build_args(service: str | None, path: Path) -> dict[str, str]:
    global_args, _ = stages(path)
    return dict(global_args, **({"SERVICE": service} if service is not None else {}))


def image_stages(service: str | None, path: Path = DOCKERFILE) -> list[Stage]:
    """The stages the image of ``--build-arg SERVICE=<service>`` is built from, base first (None: no argument)."""
    args = _build_args(service, path)
    all_stages = stages(path)[1]
    by_name = {s.name: s for s in all_stages if s.name}
    chain = [all_stages[-1]]
    while (base := substitute(chain[0].base, args)) in by_name:
        chain.insert(0, by_name[base])
    return chain


def image(service: str | None, path: Path = DOCKERFILE) -> list[Instruction]:
    """The image's instructions, base first: ``FROM <image>`` once, then every stage's, arguments substituted.

    As in Docker, an argument of the build reaches a stage's instructions only after that stage declares it with
    ``ARG`` (one it does not declare stays ``${NAME}`` here, so a check of what is copied fails); ``FROM`` lines see
    the arguments declared before the first ``FROM``.
    """
    given = _build_args(service, path)
    chain = image_stages(service, path)
    flat = [Instruction("FROM", substitute(chain[0].base, given))]
    for stage in chain:
        declared: dict[str, str] = {}
        for ins in stage.instructions:
            if ins.keyword == "ARG":
                name, has_default, default = ins.rest.partition("=")
                declared[name] = given.get(name, default if has_default else "")
            else:
                flat.append(Instruction(ins.keyword, substitute(ins.rest, declared)))
    return flat


def env_of(instructions: list[Instruction]) -> dict[str, str]:
    env: dict[str, str] = {}
    for ins in instructions:
        if ins.keyword == "ENV":
            for token in shlex.split(ins.rest):
                name, _, value = token.partition("=")
                env[name] = value
    return env


# -- packages and pins --------------------------------------------------------------------------------
def pyproject(package_dir: str) -> dict:
    return tomllib.loads((ROOT / package_dir / "pyproject.toml").read_text(encoding="utf-8"))


def distribution_dirs() -> dict[str, str]:
    """Canonical distribution name (eiso-kit) -> its folder (libs/kit), for every package here."""
    return {canonicalize_name(pyproject(d)["project"]["name"]): d for d in PACKAGE_DIRS}


def dependencies(package_dir: str) -> list[Requirement]:
    return [Requirement(text) for text in pyproject(package_dir)["project"].get("dependencies", [])]


def local_closure(package_dir: str) -> set[str]:
    """The folders an install of ``package_dir`` needs: itself and every eISO package it depends on."""
    dirs = distribution_dirs()
    needed, todo = set(), [package_dir]
    while todo:
        current = todo.pop()
        if current in needed:
            continue
        needed.add(current)
        todo.extend(dirs[canonicalize_name(r.name)] for r in dependencies(current)
                    if canonicalize_name(r.name) in dirs)
    return needed


def pins(path: Path = RUNTIME_TXT) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        assert sep, f"{path.name}: {line!r} is not pinned with =="
        found[canonicalize_name(name.strip())] = version.strip()
    return found
