"""The sign-in page stays light on a cold server; the next page's imports start after it."""

import subprocess
import sys
import textwrap

from tracker.ui import warmup

SIGN_IN_RUN = textwrap.dedent("""
    import json, os, sys
    from streamlit.testing.v1 import AppTest
    from tracker.ui import warmup

    started = []
    warmup.start = lambda modules: started.append(list(modules))
    os.environ["TRACKER_DB"] = sys.argv[1]
    at = AppTest.from_file(sys.argv[2], default_timeout=60)
    at.run()
    print(json.dumps({"labels": [w.label for w in at.text_input],
                      "exceptions": len(at.exception),
                      "heavy": [m for m in ("pandas", "numpy", "sqlite_utils", "altair",
                                            "openpyxl", "tracker.pages.status")
                                if m in sys.modules],
                      "started": started}))
""")


def test_the_sign_in_page_imports_no_pandas_and_then_warms_up_the_first_page(db_path):
    import json

    from tests.conftest import APP

    out = subprocess.run([sys.executable, "-c", SIGN_IN_RUN, str(db_path), str(APP)],
                         capture_output=True, text=True, check=True)
    shown = json.loads(out.stdout.strip().splitlines()[-1])
    assert shown["exceptions"] == 0
    assert "نام کاربری" in shown["labels"]
    assert shown["heavy"] == []
    assert shown["started"] == [["pandas", "sqlite_utils", "streamlit.emojis",
                                 "tracker.pages.status"]]


def test_warm_up_imports_its_modules_once(monkeypatch):
    imported = []
    monkeypatch.setattr(warmup, "_started", None)
    monkeypatch.setattr(warmup.importlib, "import_module", imported.append)
    first = warmup.start(["colorsys", "no_such_module_xyz"])
    first.join(5)
    again = warmup.start(["json"])
    again.join(5)
    assert again is first
    assert imported == ["colorsys", "no_such_module_xyz"]


def test_a_failing_warm_up_import_is_logged_not_raised(monkeypatch, caplog):
    monkeypatch.setattr(warmup, "_started", None)
    thread = warmup.start(["no_such_module_xyz"])
    thread.join(5)
    assert "no_such_module_xyz" in caplog.text


SERVER_START = textwrap.dedent("""
    import asyncio, json, sys, threading
    from tracker.ui import warmup

    before = [m for m in warmup.FIRST_RUN if m in sys.modules]

    async def serve():
        async with warmup.lifespan(None):
            for t in threading.enumerate():
                if t.name == "tracker-preload":
                    t.join(60)

    asyncio.run(serve())
    print(json.dumps({"before": before,
                      "after": [m for m in warmup.FIRST_RUN if m in sys.modules]}))
""")


def test_the_servers_start_imports_what_the_first_run_needs():
    """The app's lifespan (streamlit_app.py) imports the sign-in page's first-run
    needs (Streamlit's emoji table, the shell) as the server starts, not in the run."""
    import json
    from pathlib import Path

    from tests.conftest import APP

    assert "lifespan=warmup.lifespan" in Path(APP).read_text(encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", SERVER_START], capture_output=True, text=True,
                         check=True)
    shown = json.loads(out.stdout.strip().splitlines()[-1])
    assert shown == {"before": [], "after": list(warmup.FIRST_RUN)}
