"""Every string a person reads, in Persian and English.

Catalogues live in ``tracker/strings/<area>.py``, each a ``STRINGS`` dict of
``key: (persian, english)``. Keys must be unique across catalogues (a test checks).
Parameters are formatted into the string; numbers are shown in the language's
digits.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from tracker.domain import fmt

LANGS = ("fa", "en")


@cache
def catalogue() -> dict[str, tuple[str, str]]:
    import tracker.strings as pkg

    merged: dict[str, tuple[str, str]] = {}
    for m in pkgutil.iter_modules(pkg.__path__):
        module = importlib.import_module(f"{pkg.__name__}.{m.name}")
        for key, pair in module.STRINGS.items():
            if key in merged:
                raise KeyError(f"string key {key!r} defined twice (in {m.name})")
            merged[key] = pair
    return merged


def t(key: str, lang: str = "fa", **params: object) -> str:
    """The string ``key`` in ``lang`` with ``params`` filled in."""
    pair = catalogue().get(key)
    if pair is None:
        raise KeyError(f"no string {key!r}")
    text = pair[0] if lang == "fa" else pair[1]
    if params:
        shown = {k: _param(v, lang) for k, v in params.items()}
        text = text.format(**shown)
    return text


def _param(value: object, lang: str) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return fmt.digits(value, lang)
    if isinstance(value, float):
        return fmt.digits(f"{value:g}", lang)
    return value
