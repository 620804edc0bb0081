"""The package's memo: once per key, the least recently used forgotten beyond its size."""
from alliances.memo import memoised


def test_a_value_is_computed_once_per_key_and_the_least_recently_used_is_dropped():
    calls = []

    @memoised(2, key=lambda a, b: a)
    def add(a, b):
        calls.append(a)
        return a + b

    assert add(1, 10) == 11 and add(1, 99) == 11  # the key is `a` only: the second call is the memo's
    add(2, 0)
    add(1, 0)        # 1 is now the most recently used
    add(3, 0)        # beyond two: 2 goes
    add(1, 0)
    add(2, 0)
    assert calls == [1, 2, 3, 2]
    add.cache_clear()
    add(1, 0)
    assert calls[-1] == 1 and len(calls) == 5
