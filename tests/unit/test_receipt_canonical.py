"""A command's receipt keeps its payload in one canonical form, so that the command line (where
every value is text, a mapping is KEY:VALUE items) and an import file (numbers, mappings) give
one payload; receipts written before that form still match the same command."""

from ledger.domain.receipt import CommandReceipt, as_mapping, canonical


def receipt(payload: dict[str, str]) -> CommandReceipt:
    r = CommandReceipt.__new__(CommandReceipt)
    r.command, r.payload = "party.population", payload
    return r


def test_a_number_and_its_text_are_one_value():
    assert canonical(125574) == canonical("125574")
    assert canonical([2021, "2022"]) == canonical(["2021", "2022"])
    assert canonical(True) != canonical("true")


def test_a_mapping_given_as_items_is_the_mapping():
    assert as_mapping(["GM0546:10000", "GM0547: 5000"], ":") == {"GM0546": "10000",
                                                                 "GM0547": "5000"}
    assert as_mapping(["GM0546=40", "GM0547=60"], "=") == {"GM0546": "40", "GM0547": "60"}
    # not a mapping: left for the command's own check to name
    assert as_mapping(["GM0546"], ":") == ["GM0546"]
    assert as_mapping(["GM0546:1", "GM0546:2"], ":") == ["GM0546:1", "GM0546:2"]


def test_a_receipt_written_before_the_canonical_form_still_matches_the_same_command():
    old = receipt({"inwoners": "125574", "shares": '["GM0546:10000"]'})  # as written then
    assert old.differing_fields("party.population", {
        "inwoners": canonical(125574), "shares": canonical({"GM0546": "10000"})}) == []
    assert old.differing_fields("party.population", {
        "inwoners": canonical(125575), "shares": canonical({"GM0546": "10000"})}) == ["inwoners"]
