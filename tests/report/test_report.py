"""The monthly report: figures against direct computations, the HTML, one PDF render,
and the io commands (import, export, template, report, backup, restore)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from tests.conftest import DEMO_TODAY, FIXED_TODAY
from tracker import report
from tracker.cli import main
from tracker.db import open_db
from tracker.domain import calendar, fmt
from tracker.domain.i18n import t
from tracker.domain.rollup import city_summary, progress_by
from tracker.store import compare

# Aban 1405 as of its last day but one, the fixed day: the month is still open, so its
# figures are the live records (a locked month's are its accepted snapshots, checked in
# test_frozen_report.py); a demo made on that day, whatever day the suite runs on
YEAR, MONTH = 1405, 8
TODAY = date.fromisoformat(FIXED_TODAY)


@pytest.fixture(scope="module")
def demo(fixed_demo_db_file):
    db = open_db(fixed_demo_db_file)
    yield db
    db.conn.close()


@pytest.fixture(scope="module")
def figures(demo):
    return report.gather(demo, YEAR, MONTH, TODAY)


@pytest.fixture(scope="module")
def html_fa(demo):
    return report.monthly_html(demo, YEAR, MONTH, "fa", TODAY)


def test_city_score_and_trend_match_the_history(demo, figures):
    end = calendar.month_bounds(YEAR, MONTH)[1]
    assert figures.city_score == pytest.approx(
        city_summary(compare.records_as_of(demo, YEAR, end)).progress)
    assert list(figures.trend["month"]) == list(range(1, MONTH + 1))
    june = calendar.month_bounds(YEAR, 3)[1]
    assert figures.trend.iloc[2]["score"] == pytest.approx(
        city_summary(compare.records_as_of(demo, YEAR, june)).progress)
    assert figures.trend["score"].is_monotonic_increasing  # demo work only moves forward


def test_league_is_ranked_with_grades_and_rank_changes(demo, figures):
    league = figures.league
    assert len(league) == 22 and sorted(league["district"]) == list(range(1, 23))
    fresh = league[~league["stale"]]
    assert list(fresh["score"]) == sorted(fresh["score"], reverse=True)
    assert league["grade"].notna().all() and league["rank_change"].notna().all()
    end = calendar.month_bounds(YEAR, MONTH)[1]
    direct = progress_by(compare.records_as_of(demo, YEAR, end), "district")
    d3 = direct.loc[direct["district"] == 3, "progress"].iloc[0]
    assert league.loc[league["district"] == 3, "score"].iloc[0] == pytest.approx(d3, abs=0.05)


def test_lagging_clauses_are_the_lowest(figures):
    per_clause = figures.lagging["score"].tolist()
    assert len(per_clause) == 5 and per_clause == sorted(per_clause)
    all_scores = [float(f["score"].min()) for f in figures.district_clauses.values()]
    assert min(per_clause) >= min(all_scores) - 1e-9


def test_changes_in_the_month_count_the_history(demo, figures):
    start = calendar.end_of_day_utc(calendar.month_bounds(YEAR, MONTH - 1)[1])
    end = calendar.end_of_day_utc(calendar.month_bounds(YEAR, MONTH)[1])
    n = demo.execute("SELECT count(*) FROM history WHERE kind = 'status' AND year = ? AND "
                     "changed_at > ? AND changed_at <= ?", [YEAR, start, end]).fetchone()[0]
    assert int(figures.changes["updates"].sum()) == n
    assert len(figures.changes) == 22


def test_html_is_rtl_persian_with_the_right_figures(html_fa, figures):
    assert '<html lang="fa" dir="rtl">' in html_fa
    assert "@font-face { font-family: Vazirmatn" in html_fa
    assert fmt.percent(figures.city_score, "fa", 1) in html_fa
    assert t("io.report.league_heading", "fa") in html_fa
    assert html_fa.count("<section") == 4 + 22 + 1
    assert html_fa.count("<svg") == 2 + 22  # trend, lagging, one per district
    assert "آبان" in html_fa and "۱۴۰۵" in html_fa
    first = figures.league.iloc[0]
    assert first["name_fa"] in html_fa


@pytest.fixture
def no_charts(monkeypatch):
    """Charts are checked once (html_fa); elsewhere they only cost time."""
    from tracker.report import charts

    monkeypatch.setattr(charts, "to_svg", lambda chart, lang: "<svg></svg>")


def test_html_in_english(demo, no_charts):
    text = report.monthly_html(demo, YEAR, MONTH, "en", TODAY)
    assert '<html lang="en" dir="ltr">' in text and "Aban 1405" in text


def test_report_escapes_names(fixed_demo_db_copy, no_charts):
    db = open_db(fixed_demo_db_copy)
    db.execute("UPDATE units SET name_fa = '<script>x</script>' WHERE id = 300")
    text = report.monthly_html(db, YEAR, MONTH, "fa", TODAY)
    db.conn.close()
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_parse_month():
    assert report.parse_month("۱۴۰۵/۰۸") == (1405, 8)
    assert report.parse_month("1405-12") == (1405, 12)
    for bad in ("1405/13", "1405", "abc", "2026/05"):
        with pytest.raises(ValueError):
            report.parse_month(bad)


@pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("chromium"),
                    reason="needs chromium and poppler-utils")
def test_pdf_renders_persian_text_and_pages(demo_db_file, tmp_path):
    out = tmp_path / "report.pdf"
    assert main(["--db", str(demo_db_file), "--lang", "fa", "report", "--month", "1405/08",
                 "--out", str(out), "--today", DEMO_TODAY]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert info.split("Pages:")[1].split()[0] == "27"  # cover, city, league, lagging,
    # 22 districts, changes
    text = subprocess.run(["pdftotext", "-l", "3", str(out), "-"], capture_output=True,
                          text=True).stdout
    assert "آبان" in text and "۱۴۰۵" in text and "شهردار تهران" in text
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "2", str(out),
                        str(tmp_path / "page")], check=True)
        assert len(list(tmp_path.glob("page-*.png"))) == 2


# --- the command line -------------------------------------------------------------------


def test_cli_template_import_backup_restore(demo_db_copy, tmp_path, capsys):
    db = str(demo_db_copy)
    csv = tmp_path / "t.csv"
    assert main(["--db", db, "template", "--year", "1405", "--district", "3",
                 "--out", str(csv)]) == 0
    lines = csv.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    progress = header.index(t("field.progress", "en"))
    cells = lines[1].split(",")
    cells[progress] = "12"
    csv.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]), encoding="utf-8")
    assert main(["--db", db, "import", str(csv), "--user", "district3"]) == 0
    assert "1 record(s) written" in capsys.readouterr().out
    assert main(["--db", db, "import", str(csv), "--user", "viewer"]) == 0  # nothing changes
    cells[progress] = "140"
    csv.write_text("\n".join([lines[0], ",".join(cells)]), encoding="utf-8")
    assert main(["--db", db, "--lang", "fa", "import", str(csv), "--user", "district3"]) == 1
    err = capsys.readouterr().err
    assert "۱ ایراد" in err and t("field.progress", "fa") in err
    assert main(["--db", db, "import", str(csv), "--user", "nobody"]) == 2
    backup = tmp_path / "b.db"
    assert main(["--db", db, "backup", "--out", str(backup)]) == 0
    assert main(["--db", str(tmp_path / "new.db"), "restore", "--from", str(backup)]) == 0
    assert main(["--db", db, "restore", "--from", str(csv)]) == 2
    xlsx = tmp_path / "all.xlsx"
    assert main(["--db", db, "export", "--year", "1405", "--out", str(xlsx)]) == 0
    assert xlsx.stat().st_size > 10000
