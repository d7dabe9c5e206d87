import pytest
from eiso_contracts.errors import InvalidInput

from eiso_context.domain.usernames import BAD_USERNAME, new_username, normalize


def test_login_names_are_matched_trimmed_and_in_lower_case():
    assert normalize("  ThuKy ") == "thuky"


def test_only_ascii_letters_are_lowered_so_a_name_never_grows():
    typed = "İ" * 64
    assert normalize(typed) == typed


@pytest.mark.parametrize("typed", ["thuky", "nguyen.van.an", "an_2026", "le-van-cuong", "abc"])
def test_good_usernames(typed):
    assert new_username(typed) == typed


def test_a_new_username_is_stored_in_lower_case():
    assert new_username("LanhDao") == "lanhdao"


@pytest.mark.parametrize("typed", ["ab", "1admin", ".thuky", "thuky.", "thu..ky", "thu-.ky", "thư ký",
                                   "nguyễn", "a" * 65, "thu ky"])
def test_bad_usernames_are_refused_with_the_rule(typed):
    with pytest.raises(InvalidInput) as refused:
        new_username(typed)
    assert refused.value.message == BAD_USERNAME
