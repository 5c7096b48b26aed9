"""Reads of field visits: latest verdicts (corrections applied), claim vs finding, the
verified-vs-reported gap, visits, their items, files, corrections and corrective actions."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import sqlite_utils

from tracker import config
from tracker.domain import verification
from tracker.store import blobs
from tracker.store.tx import frame

EFFECTIVE = (
    "COALESCE((SELECT c.new_value FROM visit_corrections c WHERE c.visit_item_id = vi.id "
    "AND c.field = '{f}' ORDER BY c.id DESC LIMIT 1), vi.{f})"
)
_VERDICT = EFFECTIVE.format(f="verdict")
_FINDINGS = EFFECTIVE.format(f="findings")


def _year_district(year: int, district: int | None) -> tuple[str, list]:
    """WHERE clause and parameters: visits ``v`` of a year, of one district's units ``u``."""
    if district is None:
        return "v.year = ?", [year]
    return "v.year = ? AND u.district = ?", [year, district]


def latest_verdicts(db: sqlite_utils.Database, year: int,
                    district: int | None = None) -> pd.DataFrame:
    """The latest verdict (corrections applied) per (unit, clause) of a year."""
    where, params = _year_district(year, district)
    return frame(
        db,
        "SELECT * FROM (SELECT v.year, v.unit_id, u.district, u.zone, vi.clause_id, c.number,"
        " c.title_fa, c.title_en, c.weight, " + _VERDICT + " AS verdict, " + _FINDINGS +
        " AS findings, v.id AS visit_id, v.visit_date, v.inspector_name, ROW_NUMBER() OVER ("
        "PARTITION BY v.unit_id, vi.clause_id ORDER BY v.visit_date DESC, v.id DESC) AS rn "
        "FROM visit_items vi JOIN visits v ON v.id = vi.visit_id JOIN units u ON u.id = "
        "v.unit_id JOIN clauses c ON c.id = vi.clause_id WHERE " + where + ") WHERE rn = 1 "
        "ORDER BY district, zone, number", params)


def verified_records(db: sqlite_utils.Database, year: int,
                     district: int | None = None) -> pd.DataFrame:
    """unit_id, clause_id, status, progress of the status records a visit of ``year``
    judged (read from the visits: none read when there are no visits)."""
    where, params = _year_district(year, district)
    return frame(
        db,
        "SELECT DISTINCT s.unit_id, s.clause_id, s.status, s.progress FROM visits v "
        "JOIN units u ON u.id = v.unit_id JOIN visit_items vi ON vi.visit_id = v.id "
        "JOIN status s ON s.year = v.year AND s.unit_id = v.unit_id "
        "AND s.clause_id = vi.clause_id WHERE " + where, params)


def claim_vs_finding(db: sqlite_utils.Database, year: int,
                     district: int | None = None) -> pd.DataFrame:
    """Latest verdicts beside the unit's own status and progress, with ``mismatch``."""
    return verification.claim_vs_finding(latest_verdicts(db, year, district),
                                         verified_records(db, year, district))


def verified_gap(db: sqlite_utils.Database, year: int) -> pd.DataFrame:
    """Per district: verified, reported (same records), gap, checked, mismatches."""
    return verification.gap_by_district(latest_verdicts(db, year),
                                        verified_records(db, year))


def district_gap(db: sqlite_utils.Database, year: int, district: int) -> pd.DataFrame:
    """:func:`verified_gap`'s row of one district (no row when it has no verdict), read
    from that district's verdicts and records only: a save in another district leaves
    it cached (see :func:`tracker.ui.context.read`)."""
    return verification.gap_by_district(latest_verdicts(db, year, district),
                                        verified_records(db, year, district))


def city_gap(db: sqlite_utils.Database, year: int) -> dict:
    return verification.city_gap(latest_verdicts(db, year), verified_records(db, year))


def list_visits(db: sqlite_utils.Database, year: int,
                district: int | None = None) -> pd.DataFrame:
    """Visits of a year (newest first) with counts of clauses, contradictions, files."""
    where, params = _year_district(year, district)
    return frame(
        db,
        "SELECT v.id, v.visit_date, v.unit_id, u.district, u.zone, u.name_fa, u.name_en,"
        " v.inspector_name, v.summary,"
        " (SELECT count(*) FROM visit_items vi WHERE vi.visit_id = v.id) AS clauses,"
        " (SELECT count(*) FROM visit_items vi WHERE vi.visit_id = v.id AND " + _VERDICT +
        " IN ('partly', 'non_compliant')) AS findings,"
        " (SELECT count(*) FROM corrective_actions a WHERE a.visit_id = v.id"
        "  AND a.status != 'confirmed') AS open_actions,"
        " (SELECT count(*) FROM visit_files f WHERE f.visit_id = v.id) AS files"
        " FROM visits v JOIN units u ON u.id = v.unit_id WHERE " + where +
        " ORDER BY v.visit_date DESC, v.id DESC", params)


def visit_items(db: sqlite_utils.Database, visit_id: int) -> pd.DataFrame:
    """A visit's clauses: verdict and findings as corrected, the original ones, answers."""
    return frame(
        db,
        "SELECT vi.id, vi.clause_id, c.number, c.title_fa, c.title_en, " + _VERDICT +
        " AS verdict, " + _FINDINGS + " AS findings, vi.verdict AS original_verdict,"
        " vi.findings AS original_findings, vi.answers,"
        " (SELECT count(*) FROM visit_corrections k WHERE k.visit_item_id = vi.id)"
        " AS corrections FROM visit_items vi JOIN clauses c ON c.id = vi.clause_id"
        " WHERE vi.visit_id = ? ORDER BY c.number", [visit_id])


def visit_files(db: sqlite_utils.Database, visit_id: int) -> pd.DataFrame:
    return frame(db, "SELECT f.id, f.clause_id, c.number, f.original_name, f.mime, f.size,"
                     " f.stored_name FROM visit_files f LEFT JOIN clauses c ON c.id ="
                     " f.clause_id WHERE f.visit_id = ? ORDER BY f.id", [visit_id])


def visit_corrections(db: sqlite_utils.Database, visit_id: int) -> pd.DataFrame:
    return frame(db, "SELECT k.id, c.number, k.field, k.old_value, k.new_value, k.reason,"
                     " k.at, k.by_name FROM visit_corrections k JOIN visit_items vi ON"
                     " vi.id = k.visit_item_id JOIN clauses c ON c.id = vi.clause_id"
                     " WHERE k.visit_id = ? ORDER BY k.id", [visit_id])


_ACTION_COLS = (
    "a.id, a.visit_id, a.year, a.unit_id, a.clause_id, c.number, c.title_fa, c.title_en,"
    " a.description, a.due_date, a.status, a.resolved_by_name, a.resolved_at,"
    " a.resolution_note, a.confirmed_by_name, a.confirmed_at, a.version, v.visit_date,"
    " v.inspector_name, (SELECT " + _FINDINGS + " FROM visit_items vi WHERE vi.visit_id ="
    " a.visit_id AND vi.clause_id = a.clause_id) AS findings, (SELECT " + _VERDICT +
    " FROM visit_items vi WHERE vi.visit_id = a.visit_id AND vi.clause_id = a.clause_id)"
    " AS verdict"
)


def unit_actions(db: sqlite_utils.Database, year: int, unit_id: int,
                 include_confirmed: bool = False) -> pd.DataFrame:
    """A unit's corrective actions (by default those not yet confirmed), due first."""
    extra = "" if include_confirmed else " AND a.status != 'confirmed'"
    return frame(
        db,
        f"SELECT {_ACTION_COLS} FROM corrective_actions a JOIN visits v ON v.id = a.visit_id"
        " LEFT JOIN clauses c ON c.id = a.clause_id WHERE a.year = ? AND a.unit_id = ?"
        f"{extra} ORDER BY a.due_date, a.id", [year, unit_id])


def visit_actions(db: sqlite_utils.Database, visit_id: int) -> pd.DataFrame:
    return frame(
        db,
        f"SELECT {_ACTION_COLS} FROM corrective_actions a JOIN visits v ON v.id = a.visit_id"
        " LEFT JOIN clauses c ON c.id = a.clause_id WHERE a.visit_id = ? ORDER BY a.id",
        [visit_id])


def action_events(db: sqlite_utils.Database, action_id: int) -> pd.DataFrame:
    return frame(db, "SELECT event, status, at, by_name, note FROM action_events"
                     " WHERE action_id = ? ORDER BY id", [action_id])


def evidence_file(db: sqlite_utils.Database, file_id: int,
                  uploads_root: Path | None = None) -> tuple[dict, bytes] | None:
    """A stored evidence file's record and bytes (``None`` if unknown or missing).

    Kept in the shared upload store by content (:mod:`tracker.store.blobs`); files of
    visits recorded before it are read from ``uploads/visits/<stored_name>``."""
    row = one(db, "SELECT id, visit_id, original_name, mime, size, stored_name, sha256 FROM"
                   " visit_files WHERE id = ?", [file_id])
    if row is None:
        return None
    ext = Path(row["stored_name"]).suffix.lstrip(".")
    data = blobs.get(blobs.blob_name(row["sha256"], ext), uploads_root)
    if data is not None:
        return row, data
    path = files_dir(uploads_root) / Path(row["stored_name"]).name
    if not path.is_file():
        return None
    return row, path.read_bytes()


def files_dir(uploads_root: Path | None = None) -> Path:
    """Where visit evidence is kept: ``uploads_dir()/visits``."""
    return Path(uploads_root or config.uploads_dir()) / "visits"


def one(db: sqlite_utils.Database, sql: str, params: list) -> dict | None:
    """One row as a dict, or None."""
    cur = db.execute(sql, params)
    row = cur.fetchone()
    return None if row is None else dict(zip([d[0] for d in cur.description], row,
                                             strict=True))
