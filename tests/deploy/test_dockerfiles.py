"""One Dockerfile builds every image, each from exactly the folders its package needs, starting what it should.

Docker cannot build here, so the Dockerfile is read as data: the image of ``--build-arg SERVICE=<name>`` is the
chain of stages the last ``FROM ${SERVICE}`` leads to, with the argument substituted. Its CMD target is imported,
and the two images with a HEALTHCHECK (documents, gateway) are started as processes with the image's ENV and
compose's environment, then probed with the HEALTHCHECK's own command.
"""
import os
import re
import shlex
import secrets
import signal
import socket
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

import eventlet
import pytest

from deploy_files import (ROOT, Instruction, compose, env_of, environment, image, image_dirs, image_stages,
                          local_closure, stages)
from eiso_kit.serve import import_service
from eiso_kit.settings import SERVICES, VARIABLES

IMAGES = image_dirs(SERVICES)
BASE = compose()
DB_URL = re.compile(r"^EISO_[A-Z]+_DB_URL$")


def instructions(name: str) -> list[Instruction]:
    return image(name)


def commands(run: Instruction) -> list[list[str]]:
    """The shell commands of a RUN line, split on ``&&``."""
    return [shlex.split(part) for part in run.rest.split("&&")]


def pip_installs(ins: list[Instruction]) -> list[tuple[int, list[str]]]:
    found = []
    for index, item in enumerate(ins):
        if item.keyword == "RUN":
            found += [(index, cmd) for cmd in commands(item) if cmd[:2] == ["pip", "install"]]
    return found


def positional(cmd: list[str]) -> list[str]:
    """Arguments of ``pip install`` that are things to install (options and their values left out)."""
    args, skip = [], False
    for token in cmd[2:]:
        if skip:
            skip = False
        elif token in ("-r", "--requirement", "-c", "--constraint"):
            skip = True
        elif not token.startswith("-"):
            args.append(token)
    return args


def copies(ins: list[Instruction]) -> list[tuple[int, list[str], str]]:
    found = []
    for index, item in enumerate(ins):
        if item.keyword == "COPY":
            tokens = [t for t in shlex.split(item.rest) if not t.startswith("--")]
            found.append((index, tokens[:-1], tokens[-1]))
    return found


# -- one file, one argument ---------------------------------------------------------------------------
def test_the_service_argument_picks_the_stage_named_after_it():
    global_args, all_stages = stages()
    assert "SERVICE" in global_args
    assert all_stages[-1].base == "${SERVICE}" and all_stages[-1].instructions == ()
    with_a_command = {s.name for s in all_stages if any(i.keyword == "CMD" for i in s.instructions)}
    assert with_a_command == set(IMAGES), "one stage with a CMD per image, named as the compose service"
    for name in IMAGES:
        assert image_stages(name)[-2].name == name


def test_only_python_311_slim_is_pulled():
    global_args, all_stages = stages()
    names = {s.name for s in all_stages}
    assert {s.base for s in all_stages[:-1] if s.base not in names} == {"python:3.11-slim"}
    for name in IMAGES:
        assert [i.rest for i in instructions(name) if i.keyword == "FROM"] == ["python:3.11-slim"]


def test_without_the_argument_the_build_stops_and_names_every_image():
    chain = image_stages(None)
    assert [s.name for s in chain] == [stages()[0]["SERVICE"], None]
    runs = [i.rest for i in chain[0].instructions if i.keyword == "RUN"]
    assert len(runs) == 1 and runs[0].rstrip().endswith("exit 1")
    assert all(name in runs[0] for name in IMAGES), runs[0]


def test_every_image_builds_on_one_base_stage_holding_what_they_share():
    """The base stage's layers (user, pinned requirements, the libraries every image needs) are built once."""
    bases = {image_stages(name)[0] for name in IMAGES}
    assert len(bases) == 1
    base = bases.pop()
    copied = {src for _, sources, _ in copies(list(base.instructions)) for src in sources}
    shared = set.intersection(*(local_closure(folder) for folder in IMAGES.values()))
    assert copied == {"requirements/runtime.txt", *shared}


def test_the_build_context_leaves_out_local_environments_and_data():
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")}
    # COPY libs/contracts would otherwise take the AsyncAPI parser's node_modules of its tests along
    assert {".git", ".venv", "var", "**/node_modules"} <= ignored


# -- the shape ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", IMAGES)
def test_copies_exactly_the_folders_its_package_needs(name):
    ins = instructions(name)
    sources = [src for _, srcs, _ in copies(ins) for src in srcs]
    expected = ["requirements/runtime.txt", *sorted(local_closure(IMAGES[name]))]
    assert sorted(sources) == sorted(expected), "COPY exactly the runtime pins and the eISO packages needed"
    for _, srcs, destination in copies(ins):
        assert srcs == [destination], "keep repository paths inside the image (WORKDIR /app)"


@pytest.mark.parametrize("name", IMAGES)
def test_pinned_requirements_are_installed_before_any_source_is_copied(name):
    ins = instructions(name)
    installs = pip_installs(ins)
    runtime = [(index, cmd) for index, cmd in installs if "requirements/runtime.txt" in cmd]
    assert len(runtime) == 1
    index, cmd = runtime[0]
    assert cmd[cmd.index("requirements/runtime.txt") - 1] in ("-r", "--requirement")
    assert positional(cmd) == [], "nothing installed beside the pins (add it to requirements/runtime.in)"
    copy_indexes = {tuple(srcs): i for i, srcs, _ in copies(ins)}
    assert copy_indexes[("requirements/runtime.txt",)] < index
    first_source = min(i for srcs, i in copy_indexes.items() if srcs != ("requirements/runtime.txt",))
    assert index < first_source, "the requirements layer must not depend on the source (layer cache)"


@pytest.mark.parametrize("name", IMAGES)
def test_packages_are_installed_not_editable_and_without_dependencies(name):
    ins = instructions(name)
    local = [cmd for _, cmd in pip_installs(ins) if "requirements/runtime.txt" not in cmd]
    assert local
    for cmd in local:
        assert "--no-deps" in cmd
        assert not {"-e", "--editable"} & set(cmd)
    installed = [arg for cmd in local for arg in positional(cmd)]
    assert sorted(installed) == sorted(f"./{d}" for d in local_closure(IMAGES[name]))


@pytest.mark.parametrize("name", IMAGES)
def test_runs_as_an_unprivileged_user(name):
    ins = instructions(name)
    users = [(i, item.rest) for i, item in enumerate(ins) if item.keyword == "USER"]
    assert users, "no USER: the process would run as root"
    index, user = users[-1]
    uid = user.split(":")[0]
    assert uid not in ("root", "0")
    assert all(i < index for i, item in enumerate(ins) if item.keyword == "RUN"), "USER after the last RUN"
    created = [cmd for item in ins if item.keyword == "RUN" for cmd in commands(item) if cmd[0] == "useradd"]
    assert any(cmd[cmd.index("--uid") + 1] == uid for cmd in created if "--uid" in cmd)


@pytest.mark.parametrize("name", IMAGES)
def test_image_environment_is_documented(name):
    documented = {v.name for v in VARIABLES}
    env = env_of(instructions(name))
    assert sorted(n for n in env if n.startswith("EISO_") and n not in documented and not DB_URL.match(n)) == []
    assert env.get("PYTHONUNBUFFERED") == "1", "logs must reach `docker compose logs` at once"


# -- what they start ----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", SERVICES)
def test_service_cmd_starts_an_importable_nameko_service(name):
    cmd = [i for i in instructions(name) if i.keyword == "CMD"][-1].exec_form
    assert cmd is not None, "CMD in exec form, so SIGTERM reaches the process"
    assert cmd[:3] == ["python", "-m", "eiso_kit.serve"] and len(cmd) == 4
    target = cmd[3]
    assert target.startswith(f"eiso_{name}.")
    service = import_service(target)
    assert isinstance(service, type)
    assert service.name == name, f"{target} is the {service.name!r} service, not {name!r}"


def test_gateway_cmd_is_gunicorn_with_its_settings_module():
    cmd = [i for i in instructions("gateway") if i.keyword == "CMD"][-1].exec_form
    assert cmd == ["gunicorn", "-c", "python:eiso_gateway.gunicorn_conf", "eiso_gateway.wsgi:app"]


def test_the_documents_endpoint_listens_on_every_interface_of_its_container():
    ins = instructions("documents")
    env = env_of(ins)
    host, _, port = env["EISO_DOCUMENTS_HTTP"].rpartition(":")
    assert host == "0.0.0.0"
    assert [i.rest for i in ins if i.keyword == "EXPOSE"] == [port]


def test_the_gateway_listens_on_every_interface_of_its_container():
    ins = instructions("gateway")
    env = env_of(ins)
    assert env["EISO_GATEWAY_HOST"] == "0.0.0.0"
    assert [i.rest for i in ins if i.keyword == "EXPOSE"] == [env["EISO_GATEWAY_PORT"]]


def test_every_image_has_a_healthcheck_of_its_own_process():
    with_check = {name for name in IMAGES if any(i.keyword == "HEALTHCHECK" for i in instructions(name))}
    assert with_check == set(IMAGES)
    liveness = ["python", "-m", "eiso_kit.process.liveness"]
    for name in set(IMAGES) - {"documents", "gateway"}:  # those two probe their own HTTP endpoint
        assert [i for i in instructions(name) if i.keyword == "HEALTHCHECK"][-1].exec_form == liveness, name


# -- start them as processes and probe them -----------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthcheck(name: str) -> list[str]:
    check = [i for i in instructions(name) if i.keyword == "HEALTHCHECK"]
    assert check
    cmd = check[-1].exec_form  # the image's: a later stage's HEALTHCHECK replaces an earlier one
    assert cmd is not None and cmd[0] == "python" and cmd[1] in ("-c", "-m")
    if cmd[1] == "-c":
        compile(cmd[2], f"{name} HEALTHCHECK", "exec")
    return [sys.executable, *cmd[1:]]


def run(cmd: list[str], env: dict, timeout: float = 30) -> int:
    """Run a short command without blocking eventlet's hub (the test process is monkey-patched)."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while proc.poll() is None:
        if time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            return -1
        eventlet.sleep(0.05)
    return proc.returncode


def container_env(name: str, tmp_path: Path, **overrides: str) -> dict:
    """The process environment a container of ``name`` gets: image ENV, then compose's, then ``overrides``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("EISO_")}
    env.update(env_of(instructions(name)))
    env.update(environment(BASE["services"][name]))
    # EISO_ACTOR_KEY: compose requires it from the operator's .env (no default), the same for every container
    env["EISO_ACTOR_KEY"] = ACTOR_KEY
    env.update(overrides)
    env["EISO_DATA_DIR"] = str(tmp_path / "data")  # /var/lib/eiso in the image
    return env


ACTOR_KEY = secrets.token_urlsafe(48)


class Started:
    def __init__(self, cmd: list[str], env: dict, cwd: Path):
        self.log = cwd / "out.log"
        self.proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=self.log.open("wb"), stderr=subprocess.STDOUT)

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # what `docker stop` sends
            deadline = time.monotonic() + 30
            while self.proc.poll() is None and time.monotonic() < deadline:
                eventlet.sleep(0.05)
            if self.proc.poll() is None:
                self.proc.kill()
        return self.proc.wait()


def wait_healthy(check: list[str], env: dict, started: Started, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert started.proc.poll() is None, f"the process exited:\n{started.output()}"
        if run(check, env, timeout=10) == 0:
            return
        eventlet.sleep(0.3)
    pytest.fail(f"never healthy within {seconds}s:\n{started.output()}")


def test_documents_image_command_starts_and_its_healthcheck_passes(tmp_path):
    port = free_port()
    # What the container gets, with the servers of compose replaced by embedded ones (no Docker here).
    env = container_env("documents", tmp_path, EISO_AMQP_URI="memory://", EISO_STORAGE="local",
                        EISO_DOCUMENTS_DB_URL=f"sqlite:///{tmp_path / 'documents.sqlite3'}",
                        EISO_DOCUMENTS_HTTP=f"0.0.0.0:{port}")
    cmd = [i for i in instructions("documents") if i.keyword == "CMD"][-1].exec_form
    check = healthcheck("documents")
    started = Started([sys.executable, *cmd[1:]], env, tmp_path)
    try:
        wait_healthy(check, env, started)
    finally:
        code = started.stop()
    assert code == 0, f"SIGTERM should stop it cleanly:\n{started.output()}"
    assert run(check, env) != 0, "the probe must fail when nothing answers"


def test_gateway_image_command_starts_and_its_healthcheck_passes(tmp_path):
    port = free_port()
    # EISO_SECRET_KEY: compose requires it from the operator's .env (no default)
    env = container_env("gateway", tmp_path, EISO_GATEWAY_PORT=str(port),
                        EISO_SECRET_KEY=secrets.token_urlsafe(48))
    cmd = [i for i in instructions("gateway") if i.keyword == "CMD"][-1].exec_form
    gunicorn = Path(sys.executable).with_name(cmd[0])
    assert gunicorn.exists()
    check = healthcheck("gateway")
    started = Started([str(gunicorn), *cmd[1:]], env, tmp_path)
    try:
        wait_healthy(check, env, started)
        log = started.output()
        assert f"Listening at: http://0.0.0.0:{port}" in log
        assert "Using worker: gthread" in log
    finally:
        code = started.stop()
    assert code == 0, f"SIGTERM should stop it cleanly:\n{started.output()}"


class _Answer(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(self.server.status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("name,variable", [("documents", "EISO_DOCUMENTS_HTTP"), ("gateway", "EISO_GATEWAY_PORT")])
def test_healthcheck_fails_on_an_error_answer(name, variable, tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
    port = server.server_address[1]
    Thread(target=server.serve_forever, daemon=True).start()
    try:
        value = f"0.0.0.0:{port}" if variable == "EISO_DOCUMENTS_HTTP" else str(port)
        env = container_env(name, tmp_path, **{variable: value})
        server.status = 503
        assert run(healthcheck(name), env) != 0
        server.status = 200
        assert run(healthcheck(name), env) == 0
    finally:
        server.shutdown()


def test_a_service_image_command_starts_and_its_liveness_healthcheck_passes(tmp_path):
    """The five bus-only services: the probe reads the process's liveness file (eiso_kit.process)."""
    env = container_env("context", tmp_path, EISO_AMQP_URI="memory://",
                        EISO_CONTEXT_DB_URL=f"sqlite:///{tmp_path / 'context.sqlite3'}")
    cmd = [i for i in instructions("context") if i.keyword == "CMD"][-1].exec_form
    check = healthcheck("context")
    assert run(check, env) != 0, "nothing runs yet: the probe must fail"
    started = Started([sys.executable, *cmd[1:]], env, tmp_path)
    try:
        wait_healthy(check, env, started)
    finally:
        code = started.stop()
    assert code == 0, f"SIGTERM should stop it cleanly:\n{started.output()}"
    assert run(check, env) != 0, "the probe must fail when the process is gone"
