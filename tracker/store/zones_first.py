"""Zones first: a district sums up after its zones, so its own submission for a period is
refused while any of its zones' submissions for that period is not accepted.

The rule holds for everyone, the office included (no override): a zone that cannot
report (no editor, say) is unblocked by the office submitting that zone's update on its
behalf, which the district's editor then reviews, so a district's report always rests on
reviewed zones. :func:`blocking_zones` is the read the pages show before anyone tries.
"""

from __future__ import annotations

import sqlite_utils

from tracker.domain.errors import TrackerError
from tracker.domain.fmt import digits


class ZonesFirst(TrackerError):
    """A district submitted while some of its zones' reports are not accepted."""

    def __init__(self, zones: list[dict]) -> None:
        super().__init__("cyc.err.zones_first", count=len(zones))
        self.zones = zones

    def message(self, lang: str = "fa") -> str:
        from tracker.domain.i18n import t

        return t(self.key, lang, count=digits(len(self.zones), lang),
                 zones=zone_list(self.zones, lang))


def zone_list(zones: list[dict], lang: str) -> str:
    """``ناحیه ۱، ناحیه ۴`` / ``Zone 1, Zone 4``: the zones' names in the language."""
    sep = "، " if lang == "fa" else ", "
    key = "name_fa" if lang == "fa" else "name_en"
    return sep.join(digits(z[key], lang) for z in zones)


def blocking_zones(db: sqlite_utils.Database, period_id: int, district: int) -> list[dict]:
    """The district's zones whose submission for the period is not accepted, in zone
    order: ``{unit_id, zone, name_fa, name_en, state}`` (state ``not_started`` when none)."""
    rows = db.execute(
        "SELECT u.id, u.zone, u.name_fa, u.name_en, COALESCE(s.state, 'not_started')"
        " FROM units u LEFT JOIN submissions s ON s.unit_id = u.id AND s.period_id = ?"
        " WHERE u.district = ? AND u.zone > 0 AND COALESCE(s.state, '') != 'accepted'"
        " ORDER BY u.zone", [period_id, district]).fetchall()
    return [{"unit_id": int(r[0]), "zone": int(r[1]), "name_fa": r[2], "name_en": r[3],
             "state": r[4]} for r in rows]
