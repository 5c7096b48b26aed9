"""Who may do what, per role and scope (tracker.domain.permissions)."""

import pytest

from tracker.domain import permissions
from tracker.domain.model import Grant, User


def user(*grants: Grant) -> User:
    return User(id=1, username="u", display_name="U", grants=tuple(grants))


ADMIN = user(Grant("admin"))
DISTRICT3 = user(Grant("district_editor", 3))
ZONE3_2 = user(Grant("zone_editor", 3, 2))
INSPECTOR = user(Grant("inspector"))
VIEWER = user(Grant("viewer"))
NOBODY = user()


@pytest.mark.parametrize(("who", "district", "zone", "allowed"), [
    (ADMIN, 3, 0, True), (ADMIN, 22, 7, True),
    (DISTRICT3, 3, 0, True), (DISTRICT3, 3, 2, True), (DISTRICT3, 4, 0, False),
    (ZONE3_2, 3, 2, True), (ZONE3_2, 3, 0, False), (ZONE3_2, 3, 1, False),
    (ZONE3_2, 4, 2, False),
    (INSPECTOR, 3, 0, False), (VIEWER, 3, 2, False), (NOBODY, 3, 2, False),
])
def test_can_edit_unit(who, district, zone, allowed):
    assert permissions.can_edit_unit(who, district, zone) is allowed


def test_a_later_grant_still_counts():
    # a viewer who is also zone editor of 4/1: the second grant decides
    both = user(Grant("viewer"), Grant("zone_editor", 4, 1))
    assert permissions.can_edit_unit(both, 4, 1)
    assert not permissions.can_edit_unit(both, 4, 2)


@pytest.mark.parametrize(("who", "verify", "manage"), [
    (ADMIN, True, True), (INSPECTOR, True, False), (DISTRICT3, False, False),
    (ZONE3_2, False, False), (VIEWER, False, False), (NOBODY, False, False),
])
def test_can_verify_and_manage(who, verify, manage):
    assert permissions.can_verify(who) is verify
    assert permissions.can_manage(who) is manage
    assert permissions.is_admin(who) is manage


def test_editable_districts():
    assert permissions.editable_districts(ADMIN) is None
    assert permissions.editable_districts(DISTRICT3) == {3}
    assert permissions.editable_districts(ZONE3_2) == {3}
    assert permissions.editable_districts(user(Grant("district_editor", 3),
                                               Grant("zone_editor", 7, 1))) == {3, 7}
    assert permissions.editable_districts(INSPECTOR) == set()
    assert permissions.editable_districts(VIEWER) == set()
    # a grant without a district (malformed) gives nothing, not None
    assert permissions.editable_districts(user(Grant("zone_editor", None, 1))) == set()
