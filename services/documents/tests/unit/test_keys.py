from datetime import datetime, timezone

import pytest

from eiso_documents.domain.files import new_file_id, storage_key
from eiso_documents.storage.port import check_key


def test_storage_key_is_by_month_and_valid():
    file_id = new_file_id()
    key = storage_key(file_id, datetime(2026, 3, 9, tzinfo=timezone.utc))
    assert key == f"files/2026/03/{file_id}"
    assert check_key(key) == key


@pytest.mark.parametrize("key", ["", "/abs", "a/../b", "..", "a//b", "a/", ".hidden", "a/.upload-x.part",
                                 "a\\b", "a/b\x00", "đ/x", "a b", "x" * 600])
def test_keys_that_could_escape_or_hide_are_refused(key):
    with pytest.raises(ValueError):
        check_key(key)
