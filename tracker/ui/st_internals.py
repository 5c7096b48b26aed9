"""Every use of Streamlit's private internals, in one place.

A Streamlit upgrade (pinned: 1.67.0) should touch this file only. Each function says
which internal it uses and why the public API does not do. Other parts of the app may
add their own sections below; keep each section self-contained.
"""

from __future__ import annotations

from typing import Any

# -- charts: specs made once and cached ----------------------------------------------


def altair_spec(chart: Any) -> dict:
    """The Vega-Lite spec ``st.altair_chart`` would send for an Altair ``chart``, with its
    data as Arrow datasets.

    Internal used: ``streamlit.elements.vega_charts._convert_altair_to_vega_lite_spec``.
    Why: building the spec once and caching it spares Altair's validation and deep
    copies on every rerun (tens of ms a chart); the public API only draws a chart, it
    never hands out the spec it makes. The spec is drawn with ``st.vega_lite_chart``.
    """
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

    return _convert_altair_to_vega_lite_spec(chart)


def arrow_dataset(frame: Any) -> tuple[str, bytes]:
    """``(name, arrow bytes)`` of a DataFrame as a named Vega-Lite dataset, the way
    Streamlit names the datasets of the specs it sends.

    Internals used: ``streamlit.dataframe_util.convert_anything_to_arrow_bytes`` and
    ``streamlit.util.calc_hash``. Why: a spec written directly (see
    :func:`tracker.ui.charts.heatmap`) must carry its data in the form
    ``st.vega_lite_chart`` passes to the front end untouched (Arrow bytes keyed by
    their hash, so an unchanged dataset is not sent again); there is no public
    function for it.
    """
    from streamlit import dataframe_util
    from streamlit.util import calc_hash

    arrow = dataframe_util.convert_anything_to_arrow_bytes(frame)
    return calc_hash(arrow), arrow


# -- tests: opening a page in AppTest -------------------------------------------------


def select_page(app_test: Any, url_path: str) -> None:
    """Make the next ``app_test.run()`` of a Streamlit ``AppTest`` open the page whose
    url path is ``url_path`` (a page's ``PAGE["path"]``).

    Internals used: ``AppTest._page_hash`` and ``streamlit.util.calc_hash``. Why:
    ``AppTest.switch_page`` takes a file and hashes the file's name, which is not the
    url path ``st.navigation`` registers for pages whose path differs from their file
    name (``year-end`` in ``year_end.py``, ``admin`` in ``admin_users.py``): the default
    page would open instead. Setting the hash of the url path opens the right page.
    """
    from streamlit.util import calc_hash

    app_test._page_hash = calc_hash(url_path)
