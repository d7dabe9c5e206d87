from eiso_context.domain.ordering import directory_key, sort_key


def test_names_follow_the_vietnamese_alphabet():
    names = ["Zoe", "Đặng Thu", "Ánh", "Bình", "Dũng", "Ân", "An", "Ăn", "Ơn", "Ông", "Oanh", "Ưng", "Uyên"]
    assert sorted(names, key=sort_key) == [
        "An", "Ánh", "Ăn", "Ân", "Bình", "Dũng", "Đặng Thu", "Oanh", "Ông", "Ơn", "Uyên", "Ưng", "Zoe"]


def test_tones_break_ties_in_dictionary_order():
    assert sorted(["má", "mạ", "mà", "ma", "mã", "mả"], key=sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_composed_and_decomposed_spellings_sort_alike():
    composed, decomposed = "Nguy\u1ec5n", "Nguye\u0302\u0303n"
    assert sort_key(composed)[:3] == sort_key(decomposed)[:3]


def test_people_go_by_department_place_then_name_and_no_department_last():
    people = [(None, "An"), (4, "Dung"), (1, "Văn"), (4, "Cường")]
    assert sorted(people, key=lambda p: directory_key(*p)) == [(1, "Văn"), (4, "Cường"), (4, "Dung"), (None, "An")]
