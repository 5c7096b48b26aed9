"""Two app processes behind nginx share one database: a save in one is seen by the
other's very next rerun; the proxy keeps a browser (its cookie) on one process."""

import urllib.request
from pathlib import Path

import pytest

from tests.conftest import DATA_YEAR
from tracker.bench.wsclient import run_sync
from tracker.serve import NGINX, Cluster, nginx_conf

UNIT_PROGRESS = "پیشرفت وزنی این واحد"
# the year whose demo data shows work on the suite's day (issue 12: any day)
QUERY = f"year={DATA_YEAR}&district=3&zone=0"


def _upstream(url: str, cookie: str) -> str:
    req = urllib.request.Request(url + "/_stcore/health", headers={"Cookie": cookie})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.headers["X-Tracker-Upstream"]


def _cookies_on_two_processes(url: str) -> tuple[str, str]:
    """Two cookie values that nginx sends to different processes (each checked twice:
    the same cookie always reaches the same process)."""
    seen: dict[str, str] = {}
    for i in range(64):
        cookie = f"tracker_node=probe-{i}"
        where = _upstream(url, cookie)
        assert _upstream(url, cookie) == where  # sticky
        seen.setdefault(where, cookie)
        if len(seen) == 2:
            return tuple(seen.values())
    raise AssertionError(f"every cookie went to {list(seen)}")


async def _sign_in(session) -> None:
    from tracker.demo.accounts import demo_password

    await session.run("")
    submit = session.find_key(prefix="FormSubmitter:login_form")
    r = await session.run(None, widgets={"login_username": "district3",
                                         "login_password": demo_password("district3")},
                          triggers=(submit,))
    assert session.pages and not r.exception, r.alerts


async def _save_in_one_see_in_the_other(url: str, cookies: tuple[str, str],
                                        row: int, progress: float) -> tuple:
    from tracker.bench.wsclient import Session

    async with Session(url, cookies[0]) as one, Session(url, cookies[1]) as other:
        await _sign_in(one)
        await _sign_in(other)
        before_one = (await one.run("", query=QUERY)).metrics[UNIT_PROGRESS]
        before_other = (await other.run("", query=QUERY)).metrics[UNIT_PROGRESS]
        # the other process has the unit's records cached now
        assert (await other.run(None, query=QUERY)).metrics[UNIT_PROGRESS] == before_other
        editor = one.find_key(suffix="_p", prefix=f"grid_{DATA_YEAR}_300_")
        save = one.find_key(suffix="_save", prefix=f"grid_{DATA_YEAR}_300_")
        edits = {"edited_rows": {str(row): {"progress": progress}}, "added_rows": [],
                 "deleted_rows": []}
        await one.run(None, query=QUERY, widgets={editor: edits})
        saved = await one.run(None, query=QUERY, widgets={editor: edits}, triggers=(save,))
        assert any(kind == "success" for kind, _ in saved.alerts), saved.alerts
        after_one = saved.metrics[UNIT_PROGRESS]
        after_other = (await other.run(None, query=QUERY)).metrics[UNIT_PROGRESS]
        return before_one, before_other, after_one, after_other


def test_nginx_config_proxies_websockets_and_sticks_by_cookie(tmp_path):
    conf = nginx_conf(8080, [8081, 8082], tmp_path)
    assert "proxy_set_header Upgrade $http_upgrade;" in conf
    assert "hash $tracker_node consistent;" in conf
    assert "server 127.0.0.1:8081" in conf and "server 127.0.0.1:8082" in conf


def test_the_processes_trust_one_proxy_more_than_the_deployment(monkeypatch):
    from tracker.serve import proxied_env

    monkeypatch.delenv("TRACKER_TRUSTED_PROXIES", raising=False)
    assert proxied_env() == {"TRACKER_TRUSTED_PROXIES": "1"}  # our nginx
    monkeypatch.setenv("TRACKER_TRUSTED_PROXIES", "1")  # a TLS terminator in front of it
    assert proxied_env() == {"TRACKER_TRUSTED_PROXIES": "2"}
    monkeypatch.setenv("TRACKER_TRUSTED_PROXIES", "many")  # not a number: none trusted
    assert proxied_env() == {"TRACKER_TRUSTED_PROXIES": "1"}


def test_a_save_in_one_process_is_seen_by_the_others_next_rerun(app_db_file, tmp_path):
    if not Path(NGINX).exists():
        pytest.skip("Debian's nginx is not installed (bash scripts/test.sh installs it)")
    from tracker.db import connect
    from tracker.store.status import unit_records

    db = connect(app_db_file)
    records = unit_records(db, DATA_YEAR, 300)
    db.conn.close()
    open_rows = records.index[records["status"] == "in_progress"].tolist()
    row = open_rows[0]
    progress = 3.0 if float(records.loc[row, "progress"]) != 3.0 else 4.0
    with Cluster(2, tmp_path / "run", app_db_file) as cluster:
        # behind our nginx, each process trusts one proxy: throttling by source sees the
        # person's address, not 127.0.0.1 for everybody
        for pid in cluster.pids():
            environ = open(f"/proc/{pid}/environ", "rb").read().split(b"\0")
            assert b"TRACKER_TRUSTED_PROXIES=1" in environ
        cookies = _cookies_on_two_processes(cluster.url)
        before_one, before_other, after_one, after_other = run_sync(
            _save_in_one_see_in_the_other(cluster.url, cookies, row, progress), timeout=600)
    assert before_one == before_other
    assert after_one != before_one
    assert after_other == after_one
    # the database holds what was saved (read independently of the app)
    db = connect(app_db_file)
    rec = db.execute("SELECT progress FROM status WHERE id = ?",
                     [int(records.loc[row, "id"])]).fetchone()
    db.conn.close()
    assert rec[0] == progress
