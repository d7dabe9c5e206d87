"""Backups of the documents service: only files whose bytes exist are copied; SQLite's FTS index is rebuilt."""
import json

from sqlalchemy import update

from eiso_documents import backup, models
from eiso_documents.search import index
from eiso_kit.backup.database import dump_database, load_database, wipe
from eiso_kit.db.engine import make_engine


def test_a_backup_skips_files_whose_bytes_were_deleted(documents, make_settings, tmp_path):
    """Before: the dump read every row's object, so one removed or destroyed file failed the whole backup."""
    kept = documents.stored_file("giu-lai.pdf")
    for state, name in ((models.REMOVED, "bo-di.pdf"), (models.DESTROYED, "da-huy.pdf")):
        gone = documents.stored_file(name)
        with documents.db.transaction() as tx:
            tx.session.execute(update(models.files).where(models.files.c.id == gone.id).values(state=state))
        [path] = [p for p in (tmp_path / "files").rglob(gone.id)]
        path.unlink()
    settings = make_settings(storage_path=tmp_path / "files")
    engine = make_engine(documents.url)
    try:
        report = backup.dump(settings, engine, tmp_path / "backup")
    finally:
        engine.dispose()
    assert report == {"files": 1, "bytes": kept.size}
    assert [entry["sha256"] for entry in json.loads((tmp_path / "backup" / "files.json").read_text())] == [kept.sha256]


def test_the_fts_index_is_no_table_of_the_backup_and_comes_back_with_the_rows(documents, tmp_path):
    with documents.db.transaction() as tx:
        index.put(tx.session, kind="document", ref_id="d1", unit_code="SONGANH", number="08/TTNB-To",
                  title="Quy trình kiểm soát tài liệu", state_label="Đã duyệt", bodies=[])
    engine = make_engine(documents.url)
    try:
        manifest = dump_database(engine, tmp_path / "dump")
        assert "search_entries" in manifest["tables"]
        assert not [name for name in manifest["tables"] if name.startswith("search_fts")]
        wipe(engine)
        load_database(engine, tmp_path / "dump", models.MIGRATIONS, lock_name="t")
        with engine.connect() as conn:
            hits = conn.exec_driver_sql("SELECT count(*) FROM search_fts WHERE search_fts MATCH '\"kiem\" \"soat\"'")
            assert hits.scalar() == 1
    finally:
        engine.dispose()
