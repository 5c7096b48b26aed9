"""Right-to-left layout and the Vazirmatn font (served from ./static)."""

from __future__ import annotations

import streamlit as st

_RTL = """
<style>
[data-testid="stMain"], [data-testid="stSidebar"], [data-testid="stHeader"],
[data-testid="stSidebarNav"], [data-testid="stTopNav"] {
  direction: rtl; text-align: right;
}
[data-testid="stMain"] input, [data-testid="stMain"] textarea { text-align: right; }
[data-testid="stMetricValue"], [data-testid="stMetricLabel"] { direction: rtl; }
[data-testid="stDataFrame"], [data-testid="stVegaLiteChart"] { direction: ltr; }
/* a segmented control laid out right to left keeps its left-to-right corner rounding
   (the outer ends look cut): keep it left to right; pages list its options reversed */
[data-testid="stButtonGroup"] { direction: ltr; }
.stMarkdown, .stText, .stAlert { direction: rtl; text-align: right; }
</style>
"""

_COMMON = """
<style>
[data-testid="stMetricValue"] { font-size: 1.6rem; }
</style>
"""


def apply(lang: str) -> None:
    """Inject our own constant CSS: the font everywhere, RTL in Persian."""
    st.html(_COMMON + (_RTL if lang == "fa" else ""))
