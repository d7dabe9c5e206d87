"""docker-compose.yml (and deploy/compose.scale.yml over it) agree with the code and can be scaled.

``compose-spec.json`` beside this file is the Compose Specification's JSON Schema, copied unchanged from
github.com/compose-spec/compose-spec (schema/compose-spec.json, commit 170098ba07d9, Apache-2.0): the
structure check ``docker compose config`` would make, without Docker.
"""
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest

from deploy_files import (COMPOSE, DEMO_OVERRIDE, DOCKERFILE, NGINX_CONF, ROOT, SCALE_OVERRIDE, compose, environment,
                          image_dirs, image_stages, interpolated_names, load_yaml, ports)
from eiso_kit.settings import SERVICES, VARIABLES, load_settings

SCHEMA = json.loads((Path(__file__).with_name("compose-spec.json")).read_text(encoding="utf-8"))
INFRA = ("rabbitmq", "postgres", "minio", "redis")
DOCUMENTED = {v.name for v in VARIABLES}
DB_URL = re.compile(r"^EISO_(?P<service>[A-Z]+)_DB_URL$")

BASE = compose()
SCALED = compose(SCALE_OVERRIDE)
DEMO = compose(DEMO_OVERRIDE)


def documented(name: str) -> bool:
    found = DB_URL.match(name)
    if found:
        return found.group("service").lower() in SERVICES
    return name in DOCUMENTED


def schema_errors(document) -> list[str]:
    validator = jsonschema.Draft7Validator(SCHEMA)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


# -- structure ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name,document", [("docker-compose.yml", BASE),
                                           ("docker-compose.yml + deploy/compose.scale.yml", SCALED),
                                           ("docker-compose.yml + deploy/compose.demo.yml", DEMO)])
def test_compose_files_follow_the_compose_specification(name, document):
    assert schema_errors(document) == [], name


def test_the_schema_check_bites():
    broken = json.loads(json.dumps(BASE))
    broken["services"]["workflow"]["deploy"]["resources"]["limit"] = {"memory": "1G"}
    broken["services"]["gateway"]["helthcheck"] = {}
    assert len(schema_errors(broken)) == 2


def test_every_service_and_the_gateway_is_built_from_the_dockerfile_with_its_name():
    assert DOCKERFILE.is_file()
    for name in image_dirs(SERVICES):
        assert name in BASE["services"], f"no compose service {name!r}"
        build = BASE["services"][name].get("build")
        assert build == {"context": ".", "args": {"SERVICE": name}}, name
        assert image_stages(name)[-2].name == name, f"the Dockerfile has no stage {name!r}"


def test_compose_runs_exactly_the_services_the_code_knows():
    assert set(BASE["services"]) == set(SERVICES) | {"gateway"} | set(INFRA)
    assert set(SCALED["services"]) == set(BASE["services"]) | {"proxy"}


def test_depends_on_names_real_services_and_waits_for_health_only_where_there_is_a_check():
    with_healthcheck = {n for n, s in BASE["services"].items() if s.get("healthcheck")}
    with_healthcheck |= {"documents", "gateway"}  # HEALTHCHECK in their images (test_dockerfiles)
    for document in (BASE, SCALED):
        for name, service in document["services"].items():
            for other, rule in (service.get("depends_on") or {}).items():
                assert other in document["services"], f"{name} depends on unknown {other}"
                if rule.get("condition") == "service_healthy":
                    assert other in with_healthcheck, f"{name} waits for {other} to be healthy; it has no check"


def test_every_eiso_service_waits_for_the_broker_and_its_database():
    for name in SERVICES:
        needs = BASE["services"][name]["depends_on"]
        assert needs["rabbitmq"]["condition"] == "service_healthy", name
        assert needs["postgres"]["condition"] == "service_healthy", name
    assert BASE["services"]["documents"]["depends_on"]["minio"]["condition"] == "service_healthy"


def test_compose_restarts_a_process_that_exits_with_an_error():
    for document in (BASE, SCALED, DEMO):
        for name, service in document["services"].items():
            assert service.get("restart") in ("always", "unless-stopped", "on-failure"), name


# -- scaling ------------------------------------------------------------------------------------------
def test_no_container_name_anywhere():
    for document in (BASE, SCALED):
        for name, service in document["services"].items():
            assert "container_name" not in service, f"{name}: container_name makes --scale impossible"


def test_only_the_entrance_and_the_infrastructure_consoles_are_published():
    published = {name: [(p.host_ip, p.published, p.target) for p in ports(service)]
                 for name, service in BASE["services"].items() if service.get("ports")}
    assert published == {
        "gateway": [("", "8000", "8000")],
        "rabbitmq": [("127.0.0.1", "15672", "15672")],
        "minio": [("127.0.0.1", "9001", "9001")],
    }
    scaled = {name: [(p.host_ip, p.published, p.target) for p in ports(service)]
              for name, service in SCALED["services"].items() if service.get("ports")}
    assert scaled == {
        "proxy": [("", "8000", "8000")],
        "rabbitmq": [("127.0.0.1", "15672", "15672")],
        "minio": [("127.0.0.1", "9001", "9001")],
    }


def test_each_eiso_service_has_a_replica_hint_and_resource_limits():
    for name in (*SERVICES, "gateway"):
        deploy = BASE["services"][name]["deploy"]
        assert deploy["replicas"] == 1, name
        limits = deploy["resources"]["limits"]
        assert re.fullmatch(r"\d+M", limits["memory"]), name
        assert float(limits["cpus"]) >= 1.0, name


def test_the_scale_override_runs_several_copies_and_two_gateways_behind_the_proxy():
    services = SCALED["services"]
    for name in SERVICES:
        assert services[name]["deploy"]["replicas"] >= 2, name
        assert services[name]["deploy"]["resources"] == BASE["services"][name]["deploy"]["resources"], name
    assert services["gateway"]["deploy"]["replicas"] == 2
    assert not services["gateway"].get("ports")
    proxy = services["proxy"]
    assert proxy["image"].startswith("nginx:")
    mounts = [v.split(":") for v in proxy["volumes"]]
    assert mounts == [["./deploy/nginx/eiso.conf", "/etc/nginx/conf.d/default.conf", "ro"]]
    assert (ROOT / mounts[0][0]).resolve() == NGINX_CONF


def test_the_override_file_uses_reset_for_the_gateway_port():
    raw = load_yaml(SCALE_OVERRIDE)
    assert type(raw["services"]["gateway"]["ports"]).__name__ == "Reset"


# -- environment --------------------------------------------------------------------------------------
def test_the_defaults_are_safe_for_production():
    """With no .env: no demo organisation (its logins' password is published) and session cookies marked Secure."""
    for document in (BASE, SCALED):
        for name in SERVICES:
            assert not load_settings(environment(document["services"][name])).demo_data, name
        assert load_settings(environment(document["services"]["gateway"])).secure_cookies


def test_the_demo_is_there_only_when_asked_for():
    for name in SERVICES:
        assert load_settings(environment(DEMO["services"][name])).demo_data, name
        assert environment(DEMO["services"][name]) == environment(BASE["services"][name]) | {"EISO_DEMO_DATA": "1"}
    assert not load_settings(environment(DEMO["services"]["gateway"])).secure_cookies
    # ... and a value in .env still overrides the defaults of docker-compose.yml
    asked = compose(env={"EISO_DEMO_DATA": "1", "EISO_SECURE_COOKIES": "0"})
    assert load_settings(environment(asked["services"]["context"])).demo_data
    assert not load_settings(environment(asked["services"]["gateway"])).secure_cookies
    # the override changes nothing else
    assert set(DEMO["services"]) == set(BASE["services"])
    for name, service in DEMO["services"].items():
        assert {k: v for k, v in service.items() if k != "environment"} == {
            k: v for k, v in BASE["services"][name].items() if k != "environment"}, name


def test_every_eiso_variable_compose_uses_is_documented_in_settings():
    names = set()
    for document in (BASE, SCALED):
        for service in document["services"].values():
            names |= {n for n in environment(service) if n.startswith("EISO_")}
    for path in (COMPOSE, SCALE_OVERRIDE):
        names |= {n for n in interpolated_names(load_yaml(path)) if n.startswith("EISO_")}
    assert "EISO_AMQP_URI" in names and "EISO_SECRET_KEY" in names
    undocumented = sorted(n for n in names if not documented(n))
    assert undocumented == [], "add them to eiso_kit.settings.VARIABLES (and the README table)"


def test_the_documentation_check_bites():
    assert documented("EISO_WORKFLOW_DB_URL") and documented("EISO_SECRET_KEY")
    assert not documented("EISO_BILLING_DB_URL") and not documented("EISO_SECRET")


def test_every_eiso_container_loads_its_settings_from_the_compose_environment():
    for name in (*SERVICES, "gateway"):
        settings = load_settings(environment(BASE["services"][name]))
        assert not settings.in_memory_bus, name
        assert urlsplit(settings.amqp_uri).hostname == "rabbitmq", name
    for name in SERVICES:
        settings = load_settings(environment(BASE["services"][name]))
        assert settings.db_urls[name].startswith("postgresql+psycopg2://"), name
        assert settings.storage == "s3", name


def test_the_gateway_gets_no_database_or_storage_credentials():
    env = environment(BASE["services"]["gateway"])
    assert not [n for n in env if DB_URL.match(n) or n.startswith("EISO_S3_")]
    # No default: compose refuses to start until the operator sets a key (deploy/compose.env.example).
    raw = load_yaml(COMPOSE)["services"]["gateway"]["environment"]["EISO_SECRET_KEY"]
    assert raw.startswith("${EISO_SECRET_KEY:?")


def test_the_gateway_and_every_service_share_the_required_actor_key():
    for name in ("gateway", *SERVICES):
        raw = load_yaml(COMPOSE)["services"][name]["environment"]["EISO_ACTOR_KEY"]
        assert raw.startswith("${EISO_ACTOR_KEY:?"), name  # no default: the operator sets one


def test_the_gateway_listens_on_its_published_port():
    env = environment(BASE["services"]["gateway"])
    assert env["EISO_GATEWAY_HOST"] == "0.0.0.0"
    gateway_port = env["EISO_GATEWAY_PORT"]
    assert [p.target for p in ports(BASE["services"]["gateway"])] == [gateway_port]


def test_the_documents_file_endpoint_is_reachable_on_the_service_network_only():
    documents = environment(BASE["services"]["documents"])
    host, _, port = documents["EISO_DOCUMENTS_HTTP"].rpartition(":")
    assert host == "0.0.0.0"
    for name in ("gateway", *SERVICES):
        url = urlsplit(environment(BASE["services"][name])["EISO_DOCUMENTS_URL"])
        assert (url.hostname, str(url.port)) == ("documents", port), name
    assert not BASE["services"]["documents"].get("ports")
    assert not SCALED["services"]["documents"].get("ports")


def test_gateway_and_documents_agree_on_the_upload_limit():
    limits = {environment(BASE["services"][n])["EISO_MAX_UPLOAD_MB"] for n in ("gateway", "documents")}
    assert len(limits) == 1


def test_credentials_agree_between_the_services_and_the_servers():
    services = BASE["services"]
    rabbit = environment(services["rabbitmq"])
    pg = environment(services["postgres"])
    minio = environment(services["minio"])
    for name in (*SERVICES, "gateway"):
        env = environment(services[name])
        amqp = urlsplit(env["EISO_AMQP_URI"])
        assert (amqp.username, amqp.password, amqp.hostname, amqp.path) == (
            rabbit["RABBITMQ_DEFAULT_USER"], rabbit["RABBITMQ_DEFAULT_PASS"], "rabbitmq",
            "/" + rabbit["RABBITMQ_DEFAULT_VHOST"]), name
    for name in SERVICES:
        env = environment(services[name])
        assert env["EISO_S3_ENDPOINT"] == "minio:9000", name
        assert (env["EISO_S3_ACCESS_KEY"], env["EISO_S3_SECRET_KEY"]) == (
            minio["MINIO_ROOT_USER"], minio["MINIO_ROOT_PASSWORD"]), name
        for variable, url in env.items():
            if DB_URL.match(variable):
                parts = urlsplit(url)
                assert (parts.username, parts.password, parts.hostname, parts.port) == (
                    pg["POSTGRES_USER"], pg["POSTGRES_PASSWORD"], "postgres", 5432), variable


def test_bind_mounts_exist_and_named_volumes_are_declared():
    for document in (BASE, SCALED):
        declared = set(document.get("volumes") or {})
        for name, service in document["services"].items():
            for volume in service.get("volumes") or []:
                source = volume.split(":")[0]
                if source.startswith("."):
                    assert (ROOT / source).exists(), f"{name}: {source}"
                else:
                    assert source in declared, f"{name}: volume {source} is not declared"
