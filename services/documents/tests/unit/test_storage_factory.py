import pytest

from eiso_documents.storage import LocalFolderStorage, build_storage
from eiso_documents.storage.s3 import S3Storage
from eiso_kit.settings import load_settings


def test_local_is_the_default(tmp_path):
    storage = build_storage(load_settings({"EISO_DATA_DIR": str(tmp_path)}))
    assert isinstance(storage, LocalFolderStorage)
    assert storage.root == (tmp_path / "files").resolve()


def test_s3_is_built_from_the_s3_settings(tmp_path):
    storage = build_storage(load_settings({"EISO_DATA_DIR": str(tmp_path), "EISO_STORAGE": "s3",
                                           "EISO_S3_ENDPOINT": "minio:9000", "EISO_S3_BUCKET": "eiso-files"}))
    assert isinstance(storage, S3Storage)
    assert storage.bucket == "eiso-files"


def test_an_unknown_backend_is_refused(tmp_path):
    with pytest.raises(ValueError, match="EISO_STORAGE"):
        build_storage(load_settings({"EISO_DATA_DIR": str(tmp_path), "EISO_STORAGE": "ftp"}))
