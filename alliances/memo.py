"""A small memo for what a dataset's content determines (a layout, a player's record): kept per key, the least
recently used dropped beyond `size`. Streamlit's caches live in `app/`; the package keeps its own so that the
briefing pack and the benchmarks reuse them too."""
from __future__ import annotations

from collections import OrderedDict
from functools import wraps


def memoised(size: int, key):
    """Decorator: `fn(*args)` computed once per `key(*args)`; `fn.cache_clear()` forgets everything."""
    def wrap(fn):
        store: OrderedDict = OrderedDict()

        @wraps(fn)
        def call(*args):
            k = key(*args)
            if k in store:
                store.move_to_end(k)
                return store[k]
            value = store[k] = fn(*args)
            while len(store) > size:
                store.popitem(last=False)
            return value
        call.cache_clear = store.clear
        return call
    return wrap
