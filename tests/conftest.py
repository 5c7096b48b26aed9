"""Shared fixtures: databases, users, a running app and a browser."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from tracker.db import open_db
from tracker.demo.records import data_year
from tracker.domain.calendar import current_year as jalali_year
from tracker.domain.calendar import year_end
from tracker.domain.model import Grant, User
from tracker.exchange.reference import load_reference
from tracker.store import reference as store_ref

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
# "Today" for the whole suite: the app (in-process and every server a test starts) and
# the demo data agree on it through tracker.domain.clock's TRACKER_TODAY. The default is a
# fixed day, so the suite does not age with the wall clock; set TRACKER_TODAY to run the
# suite on another day (tests/pages/test_days.py walks the days that matter).
DEMO_TODAY = os.environ.get("TRACKER_TODAY") or "2026-11-21"  # default: 1405/08/30
os.environ["TRACKER_TODAY"] = DEMO_TODAY
DEMO_DAY = date.fromisoformat(DEMO_TODAY)
DEMO_YEAR = jalali_year(DEMO_DAY)  # the program year the demo data and the pages open on
# The year whose demo data shows work (the current one once two months have passed, else
# the complete year before) and the last day of it that has passed: tests about figures use
# these, so they hold on the first day of a year as on its last.
DATA_YEAR = data_year(DEMO_DAY)
DATA_DAY = min(DEMO_DAY, year_end(DATA_YEAR))
# Cheap argon2 parameters for every password hashed by the suite (tracker.auth honours
# TRACKER_ARGON2_TEST=1; production keeps the strong ones, tests/test_auth.py checks it).
os.environ["TRACKER_ARGON2_TEST"] = "1"


@pytest.fixture(scope="session")
def reference():
    return load_reference()


@pytest.fixture(scope="session")
def _reference_db_file(tmp_path_factory, reference) -> Path:
    path = tmp_path_factory.mktemp("ref") / "ref.db"
    db = open_db(path)
    store_ref.load_reference(db, reference)
    store_test_accounts(db)
    db.conn.close()
    return path


TEST_ACCOUNT_IDS = range(900, 1000)  # the ids make_user gives (uid=...)


def store_test_accounts(db) -> None:
    """Active, password-less, grant-less accounts with the ids of ``make_user``'s users,
    so the store's check that the acting account is active (``tx.check_active``) finds
    them. Their roles come from the ``User`` object the test passes, as in the app."""
    with db.conn:
        db.conn.executemany(
            "INSERT OR IGNORE INTO users (id, username, display_name, active, created_at) "
            "VALUES (?, ?, ?, 1, '2026-01-01T00:00:00Z')",
            [(i, f"test-account-{i}", f"test account {i}") for i in TEST_ACCOUNT_IDS])


@pytest.fixture
def db_path(tmp_path, _reference_db_file) -> Path:
    """A fresh copy of a migrated database holding the reference data."""
    return full_copy(_reference_db_file, tmp_path / "tracker.db")


@pytest.fixture
def db(db_path):
    database = open_db(db_path)
    yield database
    database.conn.close()


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory) -> Path:
    """A demo database (reference, demo accounts, demo data up to DEMO_TODAY).

    Session-scoped: tests must copy it (``demo_db_copy``) before writing.
    """
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    from tracker.cli import main

    assert main(["--db", str(path), "demo", "--today", DEMO_TODAY]) == 0
    return path


def full_copy(src: Path, dst: Path) -> Path:
    """Copy the SQLite database ``src`` to ``dst`` through SQLite's backup API, which
    also reads what is still in ``src``'s write-ahead log (a file copy would miss it)."""
    with sqlite3.connect(src) as source, sqlite3.connect(dst) as target:
        source.backup(target)
    source.close()
    target.close()
    return dst


@pytest.fixture
def demo_db_copy(tmp_path, demo_db_file) -> Path:
    """A private, writable copy of the demo database."""
    return full_copy(demo_db_file, tmp_path / "demo.db")


@pytest.fixture
def app_db(demo_db_copy, monkeypatch) -> Path:
    """A private copy of the demo database, which the app (``TRACKER_DB``) opens."""
    monkeypatch.setenv("TRACKER_DB", str(demo_db_copy))
    return demo_db_copy


def make_user(role: str, district: int | None = None, zone: int | None = None,
              uid: int = 900, name: str | None = None) -> User:
    return User(id=uid, username=f"{role}{district or ''}{zone or ''}",
                display_name=name or f"{role} {district or ''} {zone or ''}".strip(),
                grants=(Grant(role, district, zone),))


@pytest.fixture
def admin() -> User:
    return make_user("admin", uid=901, name="Admin User")


@pytest.fixture
def editor3() -> User:
    """District editor of district 3."""
    return make_user("district_editor", 3, uid=903, name="ویرایشگر منطقه ۳")


@pytest.fixture
def viewer() -> User:
    return make_user("viewer", uid=905)


# --- the running app and a browser -------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(db_file: Path, env_extra: dict | None = None) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "TRACKER_DB": str(db_file), **(env_extra or {})}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
         "--server.port", str(port), "--server.headless", "true",
         "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("streamlit did not start")


def stop_app(proc: subprocess.Popen) -> None:
    """Stop a server from :func:`start_app`: politely, and by force if a busy machine
    keeps it from exiting in time (a slow shutdown is not a test failure)."""
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def app_db_file(tmp_path_factory, demo_db_file) -> Path:
    """The database file behind ``app_server`` (one private copy per test module)."""
    return full_copy(demo_db_file, tmp_path_factory.mktemp("app") / "demo.db")


@pytest.fixture(scope="module")
def app_server(app_db_file):
    """Base URL of the app running over a private copy of the demo database."""
    proc, url = start_app(app_db_file)
    yield url
    stop_app(proc)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") or os.environ.get("TRACKER_REQUIRE_BROWSER"):
            pytest.fail("Debian's chromium is missing: bash scripts/test.sh installs it")
        pytest.skip("Debian's chromium is not installed (bash scripts/test.sh installs it)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=45_000)  # a cold Streamlit run on 2 busy cores takes seconds
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        from tests.browser.waits import watch_every_page

        watch_every_page(b)  # script runs counted from the server's messages (waits.py)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fa-IR")
    pg = context.new_page()
    pg.set_default_timeout(45_000)
    yield pg
    context.close()


def demo_user(db_file: Path, username: str) -> User:
    """A demo account as stored (``admin``, ``district3``, ``zone3-2``, ``inspector``,
    ``viewer``). Use it for AppTest: ``tracker.ui.auth.current_user`` re-reads the
    signed-in user from the store, so a user made with ``make_user`` (not stored)
    is signed out at once."""
    from tracker.db import connect
    from tracker.store.users import get_user_by_username

    conn = connect(db_file)
    try:
        user = get_user_by_username(conn, username)
    finally:
        conn.conn.close()
    assert user is not None, username
    return user


APP = str(ROOT / "streamlit_app.py")  # AppTest.from_file resolves relative to the caller


def run_app(db_file: Path, username: str | None = "admin", page: str | None = None,
            **query):
    """Run the whole app with AppTest over ``db_file`` signed in as a demo account.

    ``page`` is a page module path such as ``"tracker/pages/league.py"``, opened by its
    url path (``PAGE["path"]``): ``AppTest.switch_page`` hashes the file name, which is
    not the url path of ``year_end.py`` or ``admin_users.py`` (the default page opens).
    ``query`` sets query-string parameters (year=1405, district=3, lang="en").
    Set the TRACKER_DB environment variable to ``db_file`` first (monkeypatch).
    """
    from streamlit.testing.v1 import AppTest

    from tracker.ui.registry import page_path
    from tracker.ui.st_internals import select_page

    at = AppTest.from_file(APP, default_timeout=60)
    if username:
        at.session_state["auth_user"] = demo_user(db_file, username)
    for k, v in query.items():
        at.query_params[k] = str(v)
    if page:
        select_page(at, page_path(page))
    at.run()
    return at


def open_page(db_file: Path, page: str, username: str = "admin", **query):
    """``run_app`` on ``tracker/pages/<page>.py``, checked to have run without an exception."""
    at = run_app(db_file, username, page=f"tracker/pages/{page}.py", **query)
    assert not at.exception, at.exception
    return at


def metric(at, label: str) -> str:
    """The value of the metric labelled ``label`` on an AppTest page."""
    return next(m.value for m in at.metric if m.label == label)


@pytest.fixture
def evidence_db(demo_db_copy, tmp_path, monkeypatch):
    """A writable demo copy with evidence uploads in this test's folder, and its stored
    accounts by user name (the demo ones plus ``zone5-1``, a zone editor of district 5)."""
    from tracker.store.users import create_user, get_user_by_username

    root = tmp_path / "uploads"
    monkeypatch.setenv("TRACKER_UPLOADS", str(root))
    database = open_db(demo_db_copy)
    admin_user = get_user_by_username(database, "admin")
    create_user(database, admin_user, "zone5-1", "ویرایشگر ناحیه ۵-۱", None,
                [Grant("zone_editor", 5, 1)])
    users = {n: get_user_by_username(database, n)
             for n in ("admin", "district3", "zone3-2", "inspector", "viewer", "zone5-1")}
    yield database, users, root
    database.conn.close()


@pytest.fixture
def udb(tmp_path):
    """A fresh migrated database holding only units 1/0-1/3 and 3/0-3/3 (the scopes the
    account tests grant; no reference data, no accounts)."""
    database = open_db(tmp_path / "users.db")
    database["units"].insert_all(
        [{"id": d * 100 + z, "district": d, "zone": z, "name_fa": f"{d}/{z}",
          "name_en": f"{d}/{z}"} for d in (1, 3) for z in range(0, 4)])
    return database


# --- a fixed day for tests whose expected values were worked out for one day ---------

# Tests of a scenario dated by hand (Aban 1405's deadlines, Mehr locked, a reminder on
# 3 Azar 1405) pin "today" to this day and use a demo database made on it, so they hold
# whatever day the suite runs on (issue 12); the date-sensitive parts are walked across
# the days that matter by tests/pages/test_days.py.
FIXED_TODAY = "2026-11-21"  # 30 Aban 1405


@pytest.fixture
def fixed_day(monkeypatch) -> str:
    """"Today" is FIXED_TODAY for this test (the app, the store and the CLI)."""
    monkeypatch.setenv("TRACKER_TODAY", FIXED_TODAY)
    return FIXED_TODAY


@pytest.fixture(scope="session")
def fixed_demo_db_file(request, tmp_path_factory) -> Path:
    """A demo database made on FIXED_TODAY (the suite's own when the suite runs on it).

    Session-scoped: tests must copy it (``fixed_demo_db_copy``) before writing."""
    if DEMO_TODAY == FIXED_TODAY:
        return request.getfixturevalue("demo_db_file")
    from tracker.cli import main

    path = tmp_path_factory.mktemp("fixed-demo") / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRACKER_TODAY", FIXED_TODAY)
        assert main(["--db", str(path), "demo", "--today", FIXED_TODAY]) == 0
    return path


@pytest.fixture
def fixed_demo_db_copy(tmp_path, fixed_demo_db_file, fixed_day) -> Path:
    """A private, writable copy of the demo database made on FIXED_TODAY, with "today"
    set to that day."""
    return full_copy(fixed_demo_db_file, tmp_path / "demo.db")


def fixed_day_app():
    """``app_db_file`` and ``app_server`` for a browser test module whose rows and dates
    were picked by hand on FIXED_TODAY: ``app_db_file, app_server = fixed_day_app()`` at
    the module's top level makes its app run on that day over its own demo."""

    @pytest.fixture(scope="module", name="app_db_file")
    def _app_db_file(fixed_app_db_file):
        return fixed_app_db_file

    @pytest.fixture(scope="module", name="app_server")
    def _app_server(fixed_app_server):
        return fixed_app_server

    return _app_db_file, _app_server


@pytest.fixture
def fixed_app_db(fixed_demo_db_copy, monkeypatch) -> Path:
    """``app_db`` on FIXED_TODAY: the app opens a demo database made on that day."""
    monkeypatch.setenv("TRACKER_DB", str(fixed_demo_db_copy))
    return fixed_demo_db_copy


@pytest.fixture(scope="module")
def fixed_app_db_file(tmp_path_factory, fixed_demo_db_file) -> Path:
    """The database file behind ``fixed_app_server`` (one private copy per test module)."""
    return full_copy(fixed_demo_db_file, tmp_path_factory.mktemp("fixed-app") / "demo.db")


@pytest.fixture(scope="module")
def fixed_app_server(fixed_app_db_file):
    """``app_server`` on FIXED_TODAY: the app runs on that day over a demo made on it (a
    module whose rows and dates were picked for that day overrides ``app_server`` and
    ``app_db_file`` with these)."""
    proc, url = start_app(fixed_app_db_file, {"TRACKER_TODAY": FIXED_TODAY})
    yield url
    stop_app(proc)
