"""deploy/README.md and deploy/compose.env.example say what the compose files and the code really do."""
import re

from deploy_files import COMPOSE, DEMO_OVERRIDE, ROOT, SCALE_OVERRIDE, compose, interpolated_names, load_yaml, ports
from eiso_contracts import topology
from eiso_kit.events import dlq
from eiso_kit.settings import VARIABLES

GUIDE = (ROOT / "deploy" / "README.md").read_text(encoding="utf-8")
ENV_EXAMPLE = ROOT / "deploy" / "compose.env.example"
BASE = compose()
SCALED = compose(SCALE_OVERRIDE)


def table_rows(heading: str) -> list[list[str]]:
    section = GUIDE.split(heading, 1)[1].split("\n## ", 1)[0]
    return [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in section.splitlines() if line.startswith("| ") and not line.startswith("|---")]


def test_the_container_table_lists_every_compose_service_with_its_published_ports():
    rows = {re.match(r"`([a-z]+)`", row[0]).group(1): row for row in table_rows("## What runs where")[1:]}
    assert set(rows) == set(SCALED["services"])
    for document in (BASE, SCALED):
        for name, service in document["services"].items():
            for mapping in ports(service):
                published = f"{mapping.host_ip}:{mapping.published}" if mapping.host_ip else mapping.published
                assert f"`{published}`" in rows[name][3], (name, published)
    assert rows["proxy"][1] == f"`{SCALED['services']['proxy']['image']}`"


def test_the_file_table_lists_what_is_in_deploy():
    files = {row[0].strip("`") for row in table_rows("This folder holds")[1:]}
    for name in files:
        assert (ROOT / "deploy" / name.rstrip("/")).exists(), name
    on_disk = {p.name + ("/" if p.is_dir() else "") for p in (ROOT / "deploy").iterdir()
               if p.name not in ("README.md", "__pycache__")}
    assert {f.split("/")[0] + ("/" if "/" in f else "") for f in files} == on_disk


def test_stated_memory_limits_are_the_compose_ones():
    limits = {s["deploy"]["resources"]["limits"]["memory"] for s in BASE["services"].values() if "deploy" in s}
    for limit in limits:
        assert f"{limit.rstrip('M')} MB" in GUIDE, limit


def test_the_dead_letter_commands_name_real_subcommands_and_queues():
    commands = [c.split() for c in re.findall(r"python -m eiso_kit\.events\.dlq ([^\n`]+)", GUIDE)]
    assert commands
    queues = {s.queue for s in topology.SUBSCRIPTIONS}
    for argv in commands:
        assert argv[0] in ("list", "replay", "list|replay"), argv
        if argv[0] == "replay":
            assert argv[1] in queues, argv
    assert callable(dlq.replay) and callable(dlq.depths)


def test_env_example_sets_exactly_what_compose_reads():
    names = [line.split("=", 1)[0] for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert len(names) == len(set(names))
    read = set()
    for path in (COMPOSE, SCALE_OVERRIDE, DEMO_OVERRIDE):
        read |= interpolated_names(load_yaml(path))
    assert set(names) == read
    documented = {v.name for v in VARIABLES}
    assert [n for n in names if n.startswith("EISO_") and n not in documented] == []


def test_the_env_example_keeps_the_safe_defaults():
    values = dict(line.split("=", 1) for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
                  if line and not line.startswith("#"))
    assert (values["EISO_DEMO_DATA"], values["EISO_SECURE_COOKIES"]) == ("0", "1")


def test_every_compose_file_the_documentation_names_exists():
    texts = [GUIDE, (ROOT / "README.md").read_text(encoding="utf-8"), COMPOSE.read_text(encoding="utf-8"),
             SCALE_OVERRIDE.read_text(encoding="utf-8"), DEMO_OVERRIDE.read_text(encoding="utf-8")]
    named = {path for text in texts for path in re.findall(r"(?:-f|--file) +([\w./-]+\.ya?ml)", text)}
    assert {"docker-compose.yml", "deploy/compose.scale.yml", "deploy/compose.demo.yml"} <= named
    assert sorted(path for path in named if not (ROOT / path).is_file()) == []
