"""Running the app: one Streamlit process, or N of them behind nginx.

Several processes share one SQLite database (WAL mode: readers never wait for the
writer, ``BEGIN IMMEDIATE`` serialises writes) and one uploads folder. Their caches
stay correct because every cached read is keyed on revisions read from the database
at each rerun (:mod:`tracker.ui.context`).

nginx (Debian's ``nginx``) proxies HTTP and the websocket (``Upgrade`` headers) and
keeps each browser on one process: a session lives in one process's memory, and a
file upload or a reconnecting websocket must reach that process. Stickiness is by a
cookie nginx sets on the first response (``tracker_node``, random), hashed over the
processes; with no cookie yet the request is hashed on its own id (any process can
serve the first page). Unlike ``ip_hash`` this also spreads people behind one
address (an office's NAT, or the benchmark's clients).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from tracker import config

NGINX = "/usr/sbin/nginx"
COOKIE = "tracker_node"


def free_port() -> int:
    """A port free at this moment (it may be taken before it is used: callers retry)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listens_on(pid: int, port: int) -> bool:
    """Does process ``pid`` hold the listening socket of ``port``? (So a health check
    answered by someone else's server on that port is not taken for ours.)"""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            if parts[3] == "0A" and int(parts[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(parts[9])
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in fds:
        try:
            link = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if link.startswith("socket:[") and link[8:-1] in inodes:
            return True
    return False


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def start_streamlit(port: int, db_path: str | Path | None = None,
                    env_extra: dict | None = None, address: str = "127.0.0.1",
                    log: Path | None = None) -> subprocess.Popen:
    """``streamlit run streamlit_app.py`` on ``port`` (not waited for)."""
    env = {**os.environ, **({"TRACKER_DB": str(db_path)} if db_path else {}),
           **(env_extra or {})}
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 (the child keeps it)
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(config.ROOT / "streamlit_app.py"),
         "--server.port", str(port), "--server.headless", "true",
         "--server.address", address],
        cwd=config.ROOT, env=env, stdout=out, stderr=subprocess.STDOUT if log else out)


def wait_ready(proc: subprocess.Popen, port: int, timeout: float = 90.0,
               host: str = "127.0.0.1") -> bool:
    """True once ``proc`` answers health checks on ``port`` from its own socket; False
    if it exited first (the port was taken) or did not get there in ``timeout``."""
    url = f"http://{host}:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if _healthy(url) and listens_on(proc.pid, port):
            return True
        time.sleep(0.05)
    return False


def start_app_process(db_path: str | Path | None = None, env_extra: dict | None = None,
                      port: int | None = None, attempts: int = 5,
                      log: Path | None = None) -> tuple[subprocess.Popen, int]:
    """A ready Streamlit process and its port: on ``port``, or on a free one, tried
    again on another if someone took it meanwhile."""
    for _ in range(attempts if port is None else 1):
        p = port or free_port()
        proc = start_streamlit(p, db_path, env_extra, log=log)
        if wait_ready(proc, p):
            return proc, p
        stop(proc)
    raise RuntimeError("the app process did not start")


def stop(proc: subprocess.Popen | None, timeout: float = 20.0) -> None:
    """Terminate one process we started, and wait for it."""
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=timeout)


def nginx_conf(listen: int, backends: Sequence[int], prefix: Path,
               address: str = "127.0.0.1") -> str:
    """An nginx configuration: ``listen`` proxies to the Streamlit ``backends``
    (ports on 127.0.0.1), sticky by the ``tracker_node`` cookie, websockets included."""
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in backends)
    return f"""worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
daemon off;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    client_max_body_size 200m;
    map $cookie_{COOKIE} $tracker_node {{
        "" $request_id;
        default $cookie_{COOKIE};
    }}
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        "" close;
    }}
    upstream tracker {{
        hash $tracker_node consistent;
{servers}
    }}
    server {{
        listen {address}:{listen};
        location / {{
            proxy_pass http://tracker;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_read_timeout 86400s;
            proxy_buffering off;
            add_header Set-Cookie "{COOKIE}=$tracker_node; Path=/; HttpOnly; SameSite=Lax";
            add_header X-Tracker-Upstream $upstream_addr;
        }}
    }}
}}
"""


def start_nginx(listen: int, backends: Sequence[int], prefix: Path,
                address: str = "127.0.0.1") -> subprocess.Popen:
    """nginx in the foreground with its files under ``prefix`` (not waited for)."""
    if not Path(NGINX).exists():
        raise RuntimeError(f"{NGINX} is missing: apt-get install nginx")
    prefix.mkdir(parents=True, exist_ok=True)
    conf = prefix / "nginx.conf"
    conf.write_text(nginx_conf(listen, backends, prefix, address))
    return subprocess.Popen([NGINX, "-c", str(conf), "-p", str(prefix)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_proxy(proc: subprocess.Popen, port: int, timeout: float = 30.0) -> bool:
    """True once nginx (``proc``, its master process) serves the app's health check."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if listens_on(proc.pid, port) and _healthy(f"http://127.0.0.1:{port}"):
            return True
        time.sleep(0.05)
    return False


def proxied_env() -> dict[str, str]:
    """What the app processes behind our nginx are told: one more trusted proxy than
    in front of ``tracker serve`` itself (``TRACKER_TRUSTED_PROXIES``, 0 by default),
    so that sign-in throttling by source sees each person's address in
    ``X-Forwarded-For``, not nginx's 127.0.0.1 for everybody (one person's failed
    sign-ins would otherwise slow down the whole city). The processes listen on
    127.0.0.1 only, so nobody reaches them around nginx with a forged header."""
    return {"TRACKER_TRUSTED_PROXIES": str(config.trusted_proxies() + 1)}


class Cluster:
    """N app processes behind nginx (``with Cluster(...) as c: c.url``).

    Ports: nginx on ``port`` (or a free one) and the processes on the next ``workers``
    ports (or free ones). Everything started is stopped on exit.
    """

    def __init__(self, workers: int, prefix: Path, db_path: str | Path | None = None,
                 port: int | None = None, env_extra: dict | None = None,
                 address: str = "127.0.0.1") -> None:
        self.workers, self.prefix, self.db_path = workers, Path(prefix), db_path
        self.port, self.env_extra, self.address = port, env_extra, address
        self.apps: list[tuple[subprocess.Popen, int]] = []
        self.nginx: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Cluster:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        self.prefix.mkdir(parents=True, exist_ok=True)
        env = {**proxied_env(), **(self.env_extra or {})}
        for i in range(self.workers):
            fixed = self.port + 1 + i if self.port else None
            self.apps.append(start_app_process(self.db_path, env, fixed,
                                               log=self.prefix / f"app-{i + 1}.log"))
        for _ in range(1 if self.port else 5):
            listen = self.port or free_port()
            self.nginx = start_nginx(listen, [p for _, p in self.apps], self.prefix,
                                     self.address)
            if wait_proxy(self.nginx, listen):
                self.port = listen
                return
            stop(self.nginx)
        raise RuntimeError(f"nginx did not start (see {self.prefix}/error.log)")

    def close(self) -> None:
        stop(self.nginx)
        for proc, _ in self.apps:
            stop(proc)

    def pids(self) -> list[int]:
        return [proc.pid for proc, _ in self.apps]

    def wait(self) -> int:
        """Block until a process ends (Ctrl-C ends all); its exit code."""
        procs = [self.nginx] + [p for p, _ in self.apps]
        try:
            while True:
                for proc in procs:
                    if proc is not None and proc.poll() is not None:
                        return proc.returncode or 0
                time.sleep(0.5)
        except KeyboardInterrupt:
            return 0
