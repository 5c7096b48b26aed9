"""HTML to PDF with headless Chromium (Debian's ``/usr/bin/chromium``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tracker.domain.errors import TrackerError

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--no-pdf-header-footer"]


class PdfFailed(TrackerError):
    """Chromium is missing or could not print the report."""


def chromium() -> str:
    """The browser to print with: ``TRACKER_CHROMIUM``, else chromium on the PATH."""
    found = (os.environ.get("TRACKER_CHROMIUM") or shutil.which("chromium")
             or shutil.which("chromium-browser") or "/usr/bin/chromium")
    if not Path(found).exists():
        raise PdfFailed("io.page.no_chromium", error=found)
    return found


def html_to_pdf(html: str, timeout: int = 120) -> bytes:
    """Print ``html`` to PDF (A4, page size from its CSS, no header or footer)."""
    browser = chromium()
    with tempfile.TemporaryDirectory(prefix="tracker-report-") as folder:
        page = Path(folder) / "report.html"
        out = Path(folder) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        cmd = [browser, *CHROMIUM_ARGS, f"--user-data-dir={folder}/profile",
               f"--print-to-pdf={out}", page.as_uri()]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PdfFailed("io.page.no_chromium", error=str(exc)) from None
        if not out.exists() or out.stat().st_size == 0:
            detail = proc.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["?"]
            raise PdfFailed("io.page.no_chromium", error=detail[0])
        return out.read_bytes()
