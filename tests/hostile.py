"""Hostile input for the fuzzing tests: text in any script (lone surrogates too, as undecodable
command-line bytes arrive), control characters, very long strings, SQL and shell that try to
escape, numbers in odd notations, dates that do not exist, and values of the wrong shape."""

from __future__ import annotations

from hypothesis import strategies as st

SPECIAL = [
    "", " ", "\t", "\n", "\x00", "\x7f", "\ufeff", "\u202e", "\ud800", "\udcff",
    "'; DROP TABLE stored_events; --", "\" OR 1=1 --", "'); DELETE FROM ledger_chain; --",
    "Robert'); TRUNCATE view_journal;--", "%", "_", "\\", "$(rm -rf /)", "`id`", "{{7*7}}",
    "${jndi:ldap://x}", "<script>alert(1)</script>", "../../etc/passwd", "NULL", "null", "None",
    "GM0546", "gm0546", "GM 0546", "GM05460", "ZH", "college:GM0546", "pho:WRL", "besluit:X",
    "zaak:Z/17/011355", "https://example.nl/a b", "http://", "https://[::1", "http://h:port/",
    "2021-10-05", "05-10-2021", "2021-02-30", "0000-01-01", "9999-12-31", "99999-01-01",
    "2021-10-05T25:00:00", "#0", "#-1", "#99999999999999999999", "²", "١٢٣", "#²", "1e999",
    "Infinity", "-Infinity", "NaN", "-0", "0,001", "€ -5", "1.5", "1,500", "9" * 40, "450k",
    "2 mln", "€ 1.060.000,00", "1.000.000.000.000", "123:abcdef12", "1:" + "f" * 64,
    "a" * 70, "x" * 5000, "Ω" * 301, "水" * 100, "🙂" * 50, "Zuid-Holland", "Leiden",
]

TEXT = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(max_size=30),
    st.text(alphabet=st.characters(exclude_categories=()), max_size=30),  # surrogates too
    st.from_regex(r"[A-Za-z0-9 .,:/#€'\"%;_\-]{0,40}", fullmatch=True),
)

SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(-2**70, 2**70),
                   st.floats(allow_nan=True, allow_infinity=True), TEXT)

VALUE = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=6)


def printable(text: str) -> bool:
    """Whether text can go on a command line (no NUL, no lone surrogates)."""
    return "\x00" not in text
