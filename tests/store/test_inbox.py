"""The in-app inbox: post once per dedupe key, unread count, mark read (own only)."""

from tests.store.cycle_fixtures import cycle_users
from tracker.store import inbox


def test_post_count_and_mark_read(db):
    u = cycle_users(db)
    z, d = u["z32"], u["d3"]
    assert inbox.post(db, z.id, "reminder", {"period_id": 1}, dedupe_key="r:1")
    assert not inbox.post(db, z.id, "reminder", {"period_id": 1}, dedupe_key="r:1")
    assert inbox.post(db, z.id, "accepted", {"unit_id": 302})
    assert inbox.unread_count(db, z.id) == 2
    assert inbox.unread_count(db, d.id) == 0
    first = int(inbox.messages(db, z.id)["id"].iloc[-1])
    assert inbox.mark_read(db, d, [first]) == 0  # not d's message
    assert inbox.mark_read(db, z, [first]) == 1
    assert inbox.unread_count(db, z.id) == 1
    assert inbox.mark_read(db, z) == 1
    assert inbox.unread_count(db, z.id) == 0


def test_who_hears_of_a_unit(db):
    u = cycle_users(db)
    assert inbox.unit_editors(db, 302) == [u["z32"].id]
    assert inbox.unit_reviewers(db, 302) == [u["d3"].id]
    assert inbox.unit_editors(db, 300) == [u["d3"].id]
    assert inbox.unit_reviewers(db, 300) == [u["office"].id]  # the system account is left out
