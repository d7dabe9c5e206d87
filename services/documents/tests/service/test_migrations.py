from eiso_documents.models import MIGRATIONS, metadata
from eiso_kit.db.engine import make_engine
from eiso_kit.db.revision import drift


def test_migrations_match_the_models(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/drift.sqlite3")
    try:
        assert drift(engine, MIGRATIONS, metadata) == []
    finally:
        engine.dispose()
