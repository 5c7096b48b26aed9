"""Right-to-left layout and the Vazirmatn font (served from ./static)."""

from __future__ import annotations

import json

import streamlit as st

from tracker.domain.i18n import t

_RTL = """
/* under a right-to-left document a collapsed sidebar (the navigation on a phone) overflows
   into the page as a strip of icons: a collapsed sidebar shows nothing */
[data-testid="stSidebar"][data-collapsed="true"] { visibility: hidden; }
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
/* page titles: Streamlit's headings keep a left-to-right box (the title sat at the left) */
[data-testid="stHeading"], [data-testid="stHeading"] h1, [data-testid="stHeading"] h2,
[data-testid="stHeading"] h3, [data-testid="stHeadingWithActionElements"] {
  direction: rtl; text-align: right;
}
"""

_COMMON = """
[data-testid="stMetricValue"] { font-size: 1.6rem; }
/* captions: Streamlit draws them at 60 % opacity (3.9:1 on white); this is 6.6:1 (WCAG AA) */
[data-testid="stCaptionContainer"] { color: #5c5b59; opacity: 1; }
/* nothing covered: no "Press Enter to submit form" over a typed value, no element
   toolbar (English, drawn over the tab, caption or choice above a table or chart;
   tables have their own download buttons) */
[data-testid="InputInstructions"] { display: none; }
/* user text (st.text) takes its direction from its first letter, paragraph by
   paragraph: an English finding reads "Poor workmanship." in a Persian page, and a
   Persian one keeps its full stop at its end in an English page */
.stText, .stText * { unicode-bidi: plaintext; text-align: start; }
[data-testid="stElementToolbar"] { display: none; }
/* no link icon beside headings: on a phone (no hover) it stood beside every title */
[data-testid="stHeaderActionElements"] { display: none; }
/* the big read-only tables (tracker.ui.tables.with_tools) keep it: search and full
   screen, drawn in room left above the table, over nothing (a margin: the table's
   box keeps its height, so what follows is not drawn over its last rows) */
[class*="st-key-tools_"] [data-testid="stElementToolbar"] { display: flex; }
[class*="st-key-tools_"] [data-testid="stElementContainer"]:has([data-testid="stDataFrame"]) {
  margin-top: 2.75rem; }
/* the element holding this style and script takes no room */
[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script) { display: none; }
"""

# The document's language and direction (<html lang dir>), for screen readers, the
# browser's own text handling and axe-core. Constant code: only "fa" or "en" is put in.
_DOCUMENT = """
<script>
(function () {
  var root = window.parent && window.parent.document ? window.parent.document : document;
  var html = root.documentElement;
  if (html.lang !== "%(lang)s") { html.lang = "%(lang)s"; }
  if (html.dir !== "%(dir)s") { html.dir = "%(dir)s"; }
})();
</script>
"""


# The file uploader's accessible names in the page's language: Streamlit names its
# button by its own English text ("Upload") and its file input "file upload". This
# constant script (only catalogue strings put in, JSON-encoded) names the button after
# the uploader's label, the input after the label, and the remove buttons of chosen
# files; it keeps doing so as Streamlit redraws (one observer per document).
_UPLOADER_NAMES = """
<script>
(function () {
  var root = window.parent && window.parent.document ? window.parent.document : document;
  var text = %(text)s;
  function setName(el, name) {
    if (el && name && el.getAttribute("aria-label") !== name) {
      el.setAttribute("aria-label", name);
    }
  }
  function fix() {
    root.querySelectorAll('[data-testid="stFileUploader"]').forEach(function (u) {
      var label = u.querySelector('[data-testid="stWidgetLabel"]');
      var name = label ? label.textContent.trim() : "";
      setName(u.querySelector('[data-testid="stFileUploaderDropzone"] button'),
              name ? text.button.replace("{label}", name) : text.choose);
      setName(u.querySelector('input[type="file"]'), name || text.choose);
      u.querySelectorAll('[data-testid="stFileUploaderDeleteBtn"] button').forEach(function (b) {
        setName(b, text.remove);
      });
    });
  }
  if (root.__trackerUploaderNames) { root.__trackerUploaderNames.disconnect(); }
  var observer = new MutationObserver(fix);
  observer.observe(root.body, {childList: true, subtree: true});
  root.__trackerUploaderNames = observer;
  fix();
})();
</script>
"""


# A Persian grid lists its columns reversed (it reads right to left) but, being a
# canvas, opens scrolled to its left end: on a phone the first columns (clause number,
# title, user name) were off screen at the right. This constant script scrolls each
# grid that is wider than its box to its right end once, when it first appears.
_RTL_GRIDS = """
<script>
(function () {
  var root = window.parent && window.parent.document ? window.parent.document : document;
  function toRight() {
    root.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller').forEach(function (s) {
      if (s.dataset.trackerRtl || s.clientWidth === 0) { return; }
      if (s.scrollWidth > s.clientWidth + 1) {
        s.scrollLeft = s.scrollWidth;
        s.dataset.trackerRtl = "1";
      }
    });
  }
  if (root.__trackerRtlGrids) { root.__trackerRtlGrids.disconnect(); }
  root.__trackerRtlGrids = null;
  if (!%(rtl)s) { return; }  // an English page: grids stay as they open
  var observer = new MutationObserver(toRight);
  observer.observe(root.body, {childList: true, subtree: true});
  root.__trackerRtlGrids = observer;
  toRight();
})();
</script>
"""


def _uploader_names(lang: str) -> str:
    text = {"button": t("widgets.upload_name", lang, label="{label}"),
            "choose": t("widgets.upload_button", lang),
            "remove": t("widgets.upload_remove", lang)}
    # JSON in a script: "<" escaped, so no catalogue text can end the script element
    return _UPLOADER_NAMES % {"text": json.dumps(text, ensure_ascii=False).replace("<", "\\u003c")}


def apply(lang: str) -> None:
    """Inject our own constant CSS: the font everywhere, RTL in Persian; and set the
    document's ``lang`` and ``dir``."""
    code = "fa" if lang == "fa" else "en"
    # styles only: sent to the event container, taking no room (no markup in the CSS)
    st.html("<style>" + _COMMON + (_RTL if code == "fa" else "") + _uploader(code)
            + "</style>")
    st.html(_DOCUMENT % {"lang": code, "dir": "rtl" if code == "fa" else "ltr"}
            + _uploader_names(code) + _RTL_GRIDS % {"rtl": "true" if code == "fa" else "false"},
            unsafe_allow_javascript=True)


def _uploader(lang: str) -> str:
    """The file uploader's own English texts replaced by ours (CSS content: constant
    strings from the catalogue, no user text); the English ones hidden from screen
    readers too (``visibility``), which read ours (and the names :data:`_UPLOADER_NAMES`
    gives)."""
    button, limit = (t(f"widgets.upload_{k}", lang).replace('"', "") for k in ("button", "limit"))
    return f"""
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{
  font-size: 0; visibility: hidden; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content: "{button}"; font-size: 0.875rem; visibility: visible; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ display: none; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{
  content: "{limit}"; font-size: 0.875rem; }}
"""
