from eiso_context.domain.departments import next_sort_order, normalize_code


def test_codes_are_upper_case():
    assert normalize_code(" qlkh ") == "QLKH"


def test_a_new_department_goes_after_the_last():
    assert next_sort_order([1, 5, 2]) == 6
    assert next_sort_order([]) == 1
