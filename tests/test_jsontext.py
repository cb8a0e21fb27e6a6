"""The site's JSON is the standard library's compact, sorted JSON, whichever library writes it."""
from __future__ import annotations

import json

from hypothesis import given, settings, strategies as st

from generator.jsontext import dumps


def standard(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


plain = st.recursive(
    st.none() | st.booleans() | st.integers(-2**63, 2**63 - 1) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(plain)
def test_dumps_equals_the_standard_librarys_compact_sorted_json(value):
    assert dumps(value) == standard(value)


def test_values_the_fast_writer_refuses_are_written_by_the_standard_library():
    for value in ({"a": "lone \ud800 surrogate"}, [2**70], {1: "int key"}):
        assert dumps(value) == standard(value)
    assert dumps({"é": "\u2028</script>", "a": [1.5, None, True]}) == '{"a":[1.5,null,true],"é":"\u2028</script>"}'
