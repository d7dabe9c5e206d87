"""``./eiso backup FOLDER`` and ``./eiso restore FOLDER [--replace]``: every service's database and the files.

Stop eISO first (a backup of a running system is consistent per service, not across services; a restore
needs the databases to itself). The folder holds one sub-folder per service (JSON-lines tables, a
manifest with row counts and SHA-256 sums; the documents service's files beside its tables).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from eiso_kit.backup.__main__ import dump_service, load_service
from eiso_kit.backup.database import RestoreRefused, read_manifest
from eiso_kit.settings import SERVICES, load_settings


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="eiso backup|restore", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["backup", "restore"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--replace", action="store_true",
                        help="restore: drop what the databases hold first (the stored files are overwritten)")
    args = parser.parse_args(argv)
    settings = load_settings()
    started, reports = time.monotonic(), {}
    try:
        if args.action == "restore":
            for service in SERVICES:  # every part checked before any database is touched
                read_manifest(args.folder / service)
        for service in SERVICES:
            folder = args.folder / service
            if args.action == "backup":
                reports[service] = dump_service(service, settings, folder)
            else:
                reports[service] = load_service(service, settings, folder, replace=args.replace)
    except RestoreRefused as exc:
        print(f"{args.action} refused ({service}): {exc}", file=sys.stderr)
        return 2
    print(json.dumps({"action": args.action, "folder": str(args.folder), "seconds":
                      round(time.monotonic() - started, 1), "services": reports}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
