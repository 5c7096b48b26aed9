"""The rules for an account's own fields (pure): user name, display name, e-mail
address, the language of its e-mails, and the scope each role needs.

Each ``check_*`` returns the cleaned value or raises
:class:`~tracker.domain.errors.ValidationFailed` with one problem for that field.
What needs the database (a user name already taken, a grant's unit existing) is
checked by the store (:mod:`tracker.store.users`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tracker.domain import limits
from tracker.domain.errors import RowProblem, ValidationFailed
from tracker.domain.model import ROLES, Grant
from tracker.domain.plaintext import control_problem

#: the account the command line and the demo loader act as; nobody signs in as it
SYSTEM_USERNAME = "system"
SYSTEM_DISPLAY_NAME = "سامانه"
USERNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$")
MAX_DISPLAY_NAME = 100
#: the scope fields each scoped role needs
SCOPED_ROLES = {"district_editor": ("district",), "zone_editor": ("district", "zone")}
#: the languages a person's e-mails can be written in (``users.lang``)
MAIL_LANGS = ("fa", "en")


def _refuse(field: str, key: str, params: dict | None = None) -> ValidationFailed:
    return ValidationFailed([RowProblem(None, field, key, params or {})])


def check_username(username: str | None) -> str:
    """A new account's user name, stripped: the pattern, and never the system's name."""
    username = (username or "").strip()
    if not USERNAME_RE.match(username):
        raise _refuse("username", "admin.username_invalid")
    if username.lower() == SYSTEM_USERNAME:
        raise _refuse("username", "admin.username_taken", {"username": username})
    return username


def check_display_name(display_name: str | None) -> str:
    """A display name, stripped: required, plain text, at most :data:`MAX_DISPLAY_NAME`."""
    name = (display_name or "").strip()
    if not name:
        raise _refuse("display_name", "admin.name_required")
    if control_problem(name):
        raise ValidationFailed([RowProblem(None, "display_name", *control_problem(name))])
    if len(name) > MAX_DISPLAY_NAME:
        raise _refuse("display_name", "admin.name_long", {"max": MAX_DISPLAY_NAME})
    return name


def check_email(email: str | None) -> str | None:
    """An e-mail address, stripped; ``None`` for none."""
    email = (email or "").strip()
    if not email:
        return None
    if (not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email) or len(email) > 254
            or control_problem(email)):
        raise _refuse("email", "admin.email_invalid")
    return email


def check_lang(lang: str | None) -> str:
    """``fa`` or ``en`` (the languages e-mails are written in); a clear refusal otherwise."""
    value = (lang or "").strip()
    if value not in MAIL_LANGS:
        raise _refuse("lang", "admin.lang_invalid")
    return value


def scoped_grant(grant: Grant) -> Grant:
    """``grant`` with a known role and exactly the scope its role needs, as ints
    (a scope the role does not use is dropped). Whether the unit exists is the
    store's check."""
    if grant.role not in ROLES:
        raise _refuse("role", "admin.bad_role", {"role": grant.role})
    need = SCOPED_ROLES.get(grant.role, ())
    district = _whole(grant.district, "district") if "district" in need else None
    zone = _whole(grant.zone, "zone") if "zone" in need else None
    if "district" in need and district is None:
        raise _refuse("district", "admin.district_required")
    if "zone" in need and not zone:
        raise _refuse("zone", "admin.zone_required")
    return Grant(grant.role, district, zone)


def _whole(value: object, name: str) -> int | None:
    """A grant's district or zone as an int; a clear refusal for anything else."""
    if value is None:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
        found = limits.problem(name, number)
    except (TypeError, ValueError, OverflowError):
        found = ("val.not_a_number", {"value": str(value)})
    if found:
        raise ValidationFailed([RowProblem(None, name, *found)])
    return int(number)


def grants_json(grants: Iterable[Grant]) -> list[dict]:
    """Grants as the audit log stores them."""
    return [{"role": g.role, "district": g.district, "zone": g.zone} for g in grants]
