"""What only the folder adapter promises: atomic files, nothing outside the folder, no leftovers."""
from __future__ import annotations

import io
import os

import pytest
from eiso_contracts.errors import PayloadTooLarge

from eiso_documents.domain.errors import StorageUnavailable, UploadInterrupted
from eiso_documents.storage import LocalFolderStorage

MIB = 1024 * 1024


def all_files(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_files_land_inside_the_folder_with_no_temporary_left(tmp_path):
    storage = LocalFolderStorage(tmp_path / "files")
    storage.prepare()
    storage.put("files/2026/11/a", io.BytesIO(b"abc"), limit=MIB)
    assert all_files(tmp_path) == ["files/files/2026/11/a"]


def test_the_object_appears_only_complete(tmp_path, pattern_stream):
    storage = LocalFolderStorage(tmp_path)
    seen = []

    class Watching:
        def __init__(self):
            self.source = pattern_stream(3 * MIB)

        def read(self, n):
            seen.append((tmp_path / "k").exists())
            return self.source.read(n)

    storage.put("k", Watching(), limit=5 * MIB)
    assert not any(seen)  # never visible under its key while being written
    assert (tmp_path / "k").stat().st_size == 3 * MIB


@pytest.mark.parametrize("failure", [PayloadTooLarge, UploadInterrupted])
def test_a_failed_upload_leaves_nothing(tmp_path, pattern_stream, failure):
    storage = LocalFolderStorage(tmp_path)

    class Breaking:
        def __init__(self):
            self.source = pattern_stream(4 * MIB)

        def read(self, n):
            if self.source.consumed > MIB:
                raise ConnectionResetError("client gone")
            return self.source.read(n)

    stream = pattern_stream(4 * MIB) if failure is PayloadTooLarge else Breaking()
    with pytest.raises(failure):
        storage.put("files/x", stream, limit=2 * MIB)
    assert all_files(tmp_path) == []


def test_a_symlink_cannot_lead_out_of_the_folder(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "files"
    root.mkdir()
    os.symlink(outside, root / "link")
    storage = LocalFolderStorage(root)
    with pytest.raises(ValueError):
        storage.put("link/x", io.BytesIO(b"x"), limit=MIB)
    assert list(outside.iterdir()) == []


def test_an_unwritable_folder_is_storage_unavailable(tmp_path):
    if os.geteuid() == 0:
        blocker = tmp_path / "blocker"
        blocker.write_bytes(b"")  # a file where a folder must go: fails even for root
        storage = LocalFolderStorage(blocker)
    else:
        root = tmp_path / "ro"
        root.mkdir(mode=0o500)
        storage = LocalFolderStorage(root)
    with pytest.raises(StorageUnavailable) as caught:
        storage.put("a/b", io.BytesIO(b"x"), limit=MIB)
    assert caught.value.status == 503
    assert storage.health().startswith("error")
