import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST
from eiso_contracts.errors import InvalidInput

from eiso_context.domain.passwords import SAME_AS_USERNAME, UNCHANGED, Passwords, require_acceptable


@pytest.fixture(scope="module")
def passwords():
    return Passwords()


def test_hashes_are_argon2id_with_a_salt(passwords):
    first, second = passwords.hash("Demo@2026"), passwords.hash("Demo@2026")
    assert first.startswith("$argon2id$")
    assert first != second  # salted
    assert "Demo@2026" not in first


def test_the_right_password_matches(passwords):
    stored = passwords.hash("Mật khẩu dài 2026")
    assert passwords.check(stored, "Mật khẩu dài 2026").matches
    assert not passwords.check(stored, "mật khẩu dài 2026").matches


def test_an_unknown_user_is_checked_against_a_decoy(passwords):
    verdict = passwords.check(None, "anything")
    assert not verdict.matches and not verdict.needs_rehash


def test_a_damaged_hash_is_a_mismatch_not_a_crash(passwords):
    assert not passwords.check("not-a-hash", "Demo@2026").matches
    assert not passwords.check("$argon2id$v=19$m=65536,t=3,p=4$broken", "Demo@2026").matches


def test_a_hash_made_with_old_parameters_asks_for_a_rehash(passwords):
    old = Passwords(PasswordHasher.from_parameters(CHEAPEST)).hash("Demo@2026")
    verdict = passwords.check(old, "Demo@2026")
    assert verdict.matches and verdict.needs_rehash
    assert not passwords.check(passwords.hash("Demo@2026"), "Demo@2026").needs_rehash


def test_a_password_may_not_be_the_username():
    with pytest.raises(InvalidInput, match=SAME_AS_USERNAME):
        require_acceptable("nguyenvanan", "nguyenvanan")
    with pytest.raises(InvalidInput):
        require_acceptable("NguyenVanAn ", "nguyenvanan")
    require_acceptable("nguyenvanan-2026", "nguyenvanan")


def test_a_change_must_change_the_password():
    with pytest.raises(InvalidInput, match=UNCHANGED):
        require_acceptable("Demo@2026", "thuky", current_password="Demo@2026")
    require_acceptable("Demo@2027", "thuky", current_password="Demo@2026")
