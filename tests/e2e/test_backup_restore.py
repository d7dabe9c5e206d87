"""``eiso backup`` → wipe everything → ``eiso restore``: every row and every file back, checksums equal.

The data is made by the real services on PostgreSQL and RabbitMQ (a policy issued through its dossier,
with an attached file); the services are stopped; the backup is taken; the databases are emptied and
the stored files deleted; the restore puts them back; a second backup of the restored system must be
identical (every table file's SHA-256, every stored file's SHA-256), and the services start on it.
"""
import importlib
import json
import shutil
from datetime import timedelta

import pytest
import requests
from nameko.standalone.rpc import ClusterRpcProxy

from eiso_allinone.backup import main as eiso
from eiso_allinone.services import ALL_SERVICES
from eiso_kit.backup.database import wipe
from eiso_kit.clock import local_today
from eiso_kit.config import nameko_config
from eiso_kit.db.engine import make_engine
from eiso_kit.db.migrate import upgrade
from eiso_kit.settings import SERVICES
from eiso_kit.testing.actors import signed
from eiso_kit.testing.files import tiny_pdf
from eiso_kit.testing.plugin import free_port
from eiso_kit.testing.waiting import wait_until

pytestmark = pytest.mark.integration
PASSWORD = "Demo@2026"


def actor(person):
    """The person as the gateway sends them: signed (every service refuses an unsigned actor)."""
    return signed({key: person[key] for key in ("id", "unit_code", "roles", "department_id", "full_name")})


def archive_a_record(settings, rpc, secretary) -> dict:
    """Section 7's tables and files too: a paper record archived with a checked PDF (its text indexed)."""
    grant = rpc.documents.grant_checked_upload({"actor": actor(secretary)})["grant"]
    scan = requests.post(f"{settings.documents_url}/files", data=tiny_pdf("ho so de tai duong giao thong"),
                         headers={"X-Eiso-Grant": grant, "X-Eiso-Filename": "ho-so.pdf"}, timeout=10)
    assert scan.status_code == 201, scan.text
    return rpc.documents.archive_record({
        "actor": actor(secretary), "number": "HS-2020-01", "title": "Hồ sơ đề tài đường giao thông",
        "record_type": "nhiem_vu", "department_id": secretary["department_id"], "closed_on": "2020-05-04",
        "retention_years": 10, "location": {"store": "Kho 1", "shelf": "Giá 2", "box": "Hộp 3"},
        "files": [scan.json()["id"]]})


def make_some_history(settings, config) -> tuple[str, str]:
    """A file uploaded, a policy submitted, approved with an edit and issued: (policy id, file id)."""
    today = local_today(settings.timezone)
    with ClusterRpcProxy(config, timeout=30) as rpc:
        secretary = rpc.context.authenticate({"username": "thuky", "password": PASSWORD})
        leader = rpc.context.authenticate({"username": "lanhdao", "password": PASSWORD})
        grant = rpc.documents.grant_upload({"actor": actor(secretary)})["grant"]
        upload = requests.post(f"{settings.documents_url}/files", data=b"%PDF-1.4 bien ban " * 500,
                               headers={"X-Eiso-Grant": grant, "X-Eiso-Filename": "bien-ban.pdf",
                                        "Content-Type": "application/pdf"}, timeout=10)
        assert upload.status_code == 201, upload.text
        policy = rpc.quality.submit_policy({
            "actor": actor(secretary), "content": {"year": 2026, "motto": "Tận tâm", "statements": ["Phục vụ"]},
            "attachments": [upload.json()["id"]], "request_id": "form-1",
            "route": {"department_id": leader["department_id"], "handler_id": leader["id"],
                      "deadline": str(today + timedelta(days=3))}})
        code = wait_until(lambda: rpc.workflow.get_dossier_for_artefact("quality", "policy", policy["id"],
                                                                        actor(leader)))["code"]
        rpc.workflow.act({"code": code, "actor": actor(leader), "expected_version": 1, "action": "approve",
                          "content": {"year": 2026, "motto": "Tận tâm - Sáng tạo", "statements": ["Phục vụ"]},
                          "next": {"department_id": secretary["department_id"], "handler_id": secretary["id"],
                                   "deadline": str(today + timedelta(days=2))}})
        wait_until(lambda: rpc.workflow.get_dossier(code, actor(secretary))["form"])
        rpc.workflow.act({"code": code, "actor": actor(secretary), "expected_version": 2, "action": "approve"})
        wait_until(lambda: (rpc.quality.get_policy_in_force(actor(secretary)) or {}).get("id") == policy["id"])
        archive_a_record(settings, rpc, secretary)
    return policy["id"], upload.json()["id"]


def fingerprints(folder):
    """Every table file's and stored file's SHA-256, per service."""
    found = {}
    for service in SERVICES:
        manifest = json.loads((folder / service / "manifest.json").read_text())
        found[service] = {name: (t["rows"], t["sha256"]) for name, t in manifest["tables"].items()}
    found["files"] = json.loads((folder / "documents" / "files.json").read_text())
    return found


def test_backup_wipe_restore_gives_back_every_row_and_file(rabbit_vhost, make_pg_db, make_settings, tmp_path,
                                                           run_services, monkeypatch, capsys):
    port = free_port()
    settings = make_settings(amqp_uri=rabbit_vhost, demo_data=1, documents_http=f"127.0.0.1:{port}",
                             documents_url=f"http://127.0.0.1:{port}", storage_path=tmp_path / "files",
                             **{f"{s}_db_url": make_pg_db() for s in SERVICES})
    config = nameko_config(settings)
    runner = run_services(config, *ALL_SERVICES)
    policy_id, file_id = make_some_history(settings, config)
    runner.stop()

    monkeypatch.setattr("eiso_allinone.backup.load_settings", lambda: settings)
    assert eiso(["backup", str(tmp_path / "first")]) == 0
    first = fingerprints(tmp_path / "first")
    assert first["quality"]["policies"][0] == 1 and first["workflow"]["wf_dossiers"][0] == 1
    assert sorted(f["size"] for f in first["files"]) == sorted([len(b"%PDF-1.4 bien ban " * 500),
                                                                len(tiny_pdf("ho so de tai duong giao thong"))])
    assert first["documents"]["records"][0] == 1 and first["documents"]["search_entries"][0] == 1

    # Everything gone: every table of every database, every stored file.
    for service in SERVICES:
        engine = make_engine(settings.db_urls[service])
        wipe(engine)
        engine.dispose()
    shutil.rmtree(tmp_path / "files")

    assert eiso(["restore", str(tmp_path / "first")]) == 0
    assert eiso(["restore", str(tmp_path / "first")]) == 2  # a second restore into full databases is refused
    assert "not empty" in capsys.readouterr().err
    assert eiso(["backup", str(tmp_path / "second")]) == 0
    assert fingerprints(tmp_path / "second") == first

    # And the system runs on it: the policy in force, the file served with its bytes.
    run_services(config, *ALL_SERVICES)
    with ClusterRpcProxy(config, timeout=30) as rpc:
        secretary = rpc.context.authenticate({"username": "thuky", "password": PASSWORD})
        in_force = wait_until(lambda: rpc.quality.get_policy_in_force(actor(secretary)), timeout=30)
        grant = rpc.documents.grant_download({"actor": actor(secretary), "file_id": file_id})["grant"]
        found = rpc.documents.search({"actor": actor(secretary), "q": "duong giao thong"})
    assert [hit["number"] for hit in found["items"]] == ["HS-2020-01"]  # the restored index answers
    assert (in_force["id"], in_force["content"]["motto"]) == (policy_id, "Tận tâm - Sáng tạo")
    served = requests.get(f"{settings.documents_url}/files/{file_id}", headers={"X-Eiso-Grant": grant}, timeout=10)
    assert served.status_code == 200 and served.content == b"%PDF-1.4 bien ban " * 500


def test_a_damaged_backup_is_refused_before_anything_is_written(make_settings, tmp_path, monkeypatch, capsys):
    """SQLite this time: the embedded run command's databases."""
    settings = make_settings()
    monkeypatch.setattr("eiso_allinone.backup.load_settings", lambda: settings)
    for service in SERVICES:  # a migrated, empty system
        engine = make_engine(settings.db_urls[service])
        upgrade(engine, importlib.import_module(f"eiso_{service}.models").MIGRATIONS, lock_name="t")
        engine.dispose()
    assert eiso(["backup", str(tmp_path / "b")]) == 0
    table = tmp_path / "b" / "workflow" / "wf_dossiers.jsonl"
    table.write_text('{"id": "forged"}\n')
    assert eiso(["restore", "--replace", str(tmp_path / "b")]) == 2
    assert "altered" in capsys.readouterr().err
    engine = make_engine(settings.db_urls["context"])  # checked first: nothing was dropped
    assert "people" in __import__("sqlalchemy").inspect(engine).get_table_names()
    engine.dispose()
