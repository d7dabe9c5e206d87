"""deploy/postgres/init.sql makes one database per service, and compose points each service at its own."""
import re
from urllib.parse import urlsplit

from deploy_files import POSTGRES_INIT, compose, environment
from eiso_kit.settings import SERVICES

BASE = compose()


def created_databases(sql: str) -> list[str]:
    sql = re.sub(r"--[^\n]*", "", sql)
    statements = [s.strip() for s in sql.split(";") if s.strip()]
    found = []
    for statement in statements:
        match = re.fullmatch(r'CREATE\s+DATABASE\s+"?([a-z_][a-z0-9_]*)"?(?:\s+.*)?', statement, re.I | re.S)
        assert match, f"init.sql: unexpected statement {statement!r}"
        found.append(match.group(1))
    return found


def test_init_sql_creates_one_database_per_service():
    databases = created_databases(POSTGRES_INIT.read_text(encoding="utf-8"))
    assert sorted(databases) == sorted(f"eiso_{s}" for s in SERVICES)
    assert len(set(databases)) == len(databases)


def test_the_parser_bites():
    assert created_databases("-- x\nCREATE DATABASE eiso_a;\ncreate database eiso_b;") == ["eiso_a", "eiso_b"]


def test_compose_mounts_init_sql_where_the_postgres_image_runs_it_once():
    mounts = BASE["services"]["postgres"]["volumes"]
    assert "./deploy/postgres/init.sql:/docker-entrypoint-initdb.d/10-databases.sql:ro" in mounts
    assert any(m.endswith(":/var/lib/postgresql/data") for m in mounts)


def test_each_service_url_points_at_its_own_database():
    for name in SERVICES:
        env = environment(BASE["services"][name])
        url = urlsplit(env[f"EISO_{name.upper()}_DB_URL"])
        assert url.scheme == "postgresql+psycopg2", name
        assert url.path == f"/eiso_{name}", name
