"""User text is text (pure): escaping it for Streamlit's Markdown, and refusing the
invisible characters that change how text around it reads.

*Shown*: every place that draws user or reference text through Markdown (captions,
headings, labels, radio options, message boxes) passes it through :func:`md_escape`,
which backslash-escapes every ASCII punctuation character (CommonMark allows that
for all of them). That neutralises bold/italics, links and autolinks (``:`` ``.``
``@`` ``/``), images, HTML and entities (``<`` ``&``), LaTeX (``$``), Streamlit's
``:red[…]`` colours and ``:material/…:`` icons (they are text directives: an escaped
colon starts none), tables, headings and lists.

*Stored*: text fields refuse (never silently strip) NUL and the other C0 control
characters except tab, line feed and carriage return, and the bidirectional
embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069: a right-to-left
override reverses the app's own text on the same line. The marks that Persian text
needs or that are harmless (ZWNJ U+200C, ZWJ U+200D, LRM U+200E, RLM U+200F, ALM
U+061C) are kept.
"""

from __future__ import annotations

import re
import string

BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
C0_CONTROLS = frozenset(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r") | {"\x7f"}
REFUSED = BIDI_CONTROLS | C0_CONTROLS
_REFUSED_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(REFUSED)) + "]")
_MD_SPECIAL = re.compile("([" + re.escape(string.punctuation) + "])")

Problem = tuple[str | None, str, dict]


def md_escape(text: object) -> str:
    """``text`` with every Markdown-active character escaped, to show it as typed."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def refused_char(text: object) -> str | None:
    """The first refused control character in ``text`` as ``U+XXXX``, or ``None``."""
    if not isinstance(text, str):
        return None
    found = _REFUSED_RE.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def control_problem(text: object) -> tuple[str, dict] | None:
    """``(message key, params)`` if ``text`` holds a refused character, else ``None``."""
    code = refused_char(text)
    return ("guard.control_char", {"char": code}) if code else None


def control_problems(rec: dict, names: tuple[str, ...]) -> list[Problem]:
    """A problem for each text field of ``rec`` in ``names`` holding a refused character."""
    out: list[Problem] = []
    for name in names:
        found = control_problem(rec.get(name))
        if found:
            out.append((name, *found))
    return out
