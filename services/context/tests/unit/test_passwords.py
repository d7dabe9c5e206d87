import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST
from eiso_contracts.errors import InvalidInput

from eiso_context.domain.passwords import SAME_AS_USERNAME, TOO_COMMON, UNCHANGED, Passwords, require_acceptable


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
    require_acceptable("an-thich-tra-xanh", "nguyenvanan")


def test_a_change_must_change_the_password():
    with pytest.raises(InvalidInput, match=UNCHANGED):
        require_acceptable("Sông Gianh 2026", "thuky", current_password="Sông Gianh 2026")
    require_acceptable("Sông Gianh 2027!", "thuky", current_password="Sông Gianh 2026")


def test_a_new_password_has_at_least_ten_characters():
    with pytest.raises(InvalidInput, match="ít nhất 10 ký tự"):
        require_acceptable("Xk9#mQ2p!", "thuky")  # nine, random: still too short
    require_acceptable("Xk9#mQ2p!z", "thuky")


@pytest.mark.parametrize("weak", ["12345678910", "password123", "Password123!", "qwertyuiop", "iloveyou2026",
                                  "matkhau123", "Matkhau@2026", "anhyeuem2026", "eiso@20262026", "abcdefghijk",
                                  "Binh1990!!",
                                  "1111111111", "hanoi123456"])
def test_common_or_guessable_passwords_are_refused_with_a_clear_message(weak):
    with pytest.raises(InvalidInput) as refused:
        require_acceptable(weak, "thuky")
    assert refused.value.message == TOO_COMMON and "quá phổ biến hoặc dễ đoán" in refused.value.message


def test_the_persons_own_names_count_as_guessable():
    for weak in ("thuky@2026!", "TranThiBinh1", "tranthibinh@1", "binhtran2026"):
        with pytest.raises(InvalidInput, match="quá phổ biến"):
            require_acceptable(weak, "thuky", full_name="Trần Thị Bình")


@pytest.mark.parametrize("good", ["Sông Gianh mùa lũ", "mat-khau-cua-toi-dai", "Lan@2026-mk-xanh", "Cua-toi@2026",
                                  "x" * 80])
def test_passphrases_and_random_passwords_are_accepted(good):
    require_acceptable(good, "thuky", full_name="Trần Thị Bình")


def test_hashing_runs_where_it_is_told():
    """The service runs each hash through its HashingGate (an OS thread, a bounded number at once)."""
    ran = []
    passwords = Passwords(PasswordHasher.from_parameters(CHEAPEST),
                          run=lambda work: ran.append("hash") or work())
    stored = passwords.hash("Sông Gianh 2026")
    assert passwords.check(stored, "Sông Gianh 2026").matches and not passwords.check(None, "x").matches
    assert ran == ["hash"] * 4  # the hash, its check, the decoy's hash, the decoy's check
