"""``python -m eiso_kit.backup dump|load SERVICE FOLDER [--replace]``: one service's database (and files).

Run it where the service runs (its settings, its package installed): in a compose deployment
``docker compose exec quality python -m eiso_kit.backup dump quality /backup/quality``; the embedded
run command does every service at once (``./eiso backup`` / ``./eiso restore``). A service whose
package has a ``backup`` module (documents: the stored files) adds its own part.
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

from ..db.engine import make_engine
from ..settings import SERVICES, Settings, load_settings
from .database import RestoreRefused, dump_database, load_database, read_manifest, wipe


def _hook(service: str):
    try:
        return importlib.import_module(f"eiso_{service}.backup")
    except ModuleNotFoundError as exc:
        if exc.name != f"eiso_{service}.backup":
            raise
        return None


def dump_service(service: str, settings: Settings, folder: Path) -> dict:
    engine = make_engine(settings.db_urls[service])
    try:
        manifest = dump_database(engine, folder)
        report = {"tables": len(manifest["tables"]), "rows": sum(t["rows"] for t in manifest["tables"].values())}
        if (hook := _hook(service)) is not None:
            report.update(hook.dump(settings, engine, folder))
        return report
    finally:
        engine.dispose()


def load_service(service: str, settings: Settings, folder: Path, replace: bool = False) -> dict:
    migrations = importlib.import_module(f"eiso_{service}.models").MIGRATIONS
    engine = make_engine(settings.db_urls[service])
    try:
        read_manifest(folder)  # a damaged backup is refused before anything is dropped
        if replace:
            wipe(engine)
        loaded = load_database(engine, folder, migrations, lock_name=f"eiso-migrate-{service}")
        report = {"tables": len(loaded), "rows": sum(loaded.values())}
        if (hook := _hook(service)) is not None:
            report.update(hook.load(settings, engine, folder))
        return report
    finally:
        engine.dispose()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["dump", "load"])
    parser.add_argument("service", choices=SERVICES)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--replace", action="store_true", help="load: drop the service's tables first")
    args = parser.parse_args(argv)
    settings = load_settings()
    try:
        if args.action == "dump":
            report = dump_service(args.service, settings, args.folder)
        else:
            report = load_service(args.service, settings, args.folder, replace=args.replace)
    except RestoreRefused as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 2
    print(json.dumps({args.service: report}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
