import pandas as pd
import pytest

from tracker.domain.rollup import (
    city_summary,
    district_summary,
    progress_by,
    progress_of_sums,
    progress_sums,
    score_of_sums,
    status_counts,
    unit_summary,
    weighted_progress,
)


def frame(rows):
    return pd.DataFrame(rows, columns=["unit_id", "district", "zone", "weight", "status",
                                       "progress"])


RECORDS = frame([
    (300, 3, 0, 1.0, "done", 100.0),
    (300, 3, 0, 3.0, "in_progress", 20.0),
    (301, 3, 1, 2.0, "in_progress", 50.0),
    (301, 3, 1, 5.0, "not_applicable", 0.0),
    (400, 4, 0, 1.0, "not_started", 0.0),
    (401, 4, 1, 1.0, "blocked", 30.0),
])


def test_weighted_progress_excludes_not_applicable():
    # (1*100 + 3*20 + 2*50) / (1+3+2)
    assert district_summary(RECORDS, 3).progress == pytest.approx(260 / 6)


def test_zone_summary_is_its_own_records():
    assert unit_summary(RECORDS, 301).progress == pytest.approx(50.0)
    assert unit_summary(RECORDS, 301).applicable == 1


def test_city_rolls_up_every_record():
    assert city_summary(RECORDS).progress == pytest.approx((100 + 60 + 100 + 0 + 30) / 8)
    assert city_summary(RECORDS).counts == {"not_started": 1, "in_progress": 2, "done": 1,
                                            "blocked": 1, "not_applicable": 1}


def test_nothing_applicable_has_no_score():
    only_na = frame([(301, 3, 1, 5.0, "not_applicable", 0.0)])
    assert weighted_progress(only_na) is None
    assert weighted_progress(frame([])) is None


def test_progress_by_district():
    table = progress_by(RECORDS, "district").set_index("district")
    assert table.loc[3, "progress"] == pytest.approx(260 / 6)   # worked out by hand
    assert table.loc[4, "blocked"] == 1
    assert table.loc[3, "records"] == 4


def test_status_counts_are_zero_for_absent_statuses():
    counts = status_counts(frame([(300, 3, 0, 1.0, "done", 100.0),
                                  (301, 3, 1, 1.0, "done", 100.0)]))
    assert counts == {"not_started": 0, "in_progress": 0, "done": 2, "blocked": 0,
                      "not_applicable": 0}
    assert status_counts(frame([])) == dict.fromkeys(counts, 0)
    # a frame without any column (nothing read yet) counts nothing either
    assert status_counts(pd.DataFrame()) == dict.fromkeys(counts, 0)


def test_summary_totals():
    s = district_summary(RECORDS, 3)
    assert (s.total, s.applicable) == (4, 3)
    assert s.counts == {"not_started": 0, "in_progress": 2, "done": 1, "blocked": 0,
                        "not_applicable": 1}
    empty = city_summary(frame([]))
    assert (empty.progress, empty.total, empty.applicable) == (None, 0, 0)
    assert set(empty.counts.values()) == {0}


def test_small_weights_still_score():
    # weights below 1 are legitimate: 0.5 × 40 / 0.5
    assert weighted_progress(frame([(300, 3, 0, 0.5, "in_progress", 40.0)])) == 40.0
    table = progress_by(frame([(300, 3, 0, 0.5, "in_progress", 40.0)]), "district")
    assert table["progress"].tolist() == [40.0]


def test_missing_progress_counts_as_zero():
    rows = frame([(300, 3, 0, 1.0, "in_progress", None), (300, 3, 0, 1.0, "done", 100.0)])
    assert weighted_progress(rows) == 50.0
    assert progress_by(rows, "district")["progress"].tolist() == [50.0]


def test_progress_by_counts_per_status_not_weights():
    # heavy weights must not leak into the counts; absent statuses count 0 (not 1)
    rows = frame([
        (400, 4, 0, 3.0, "blocked", 30.0), (400, 4, 0, 2.0, "blocked", 10.0),
        (401, 4, 1, 5.0, "done", 100.0),
        (300, 3, 0, 4.0, "in_progress", 50.0),
    ])
    table = progress_by(rows, "district")
    assert table["district"].tolist() == [3, 4]          # sorted by the key
    four = table.set_index("district").loc[4]
    assert (four["blocked"], four["done"], four["in_progress"], four["not_started"]) == \
        (2, 1, 0, 0)
    assert four["not_applicable"] == 0 and four["records"] == 3
    assert four["progress"] == pytest.approx((3 * 30 + 2 * 10 + 5 * 100) / 10)
    for s in ("not_started", "in_progress", "done", "blocked", "not_applicable"):
        assert pd.api.types.is_integer_dtype(table[s]), s


def test_progress_by_district_only_not_applicable_has_no_score():
    rows = frame([(301, 3, 1, 5.0, "not_applicable", 0.0), (400, 4, 0, 1.0, "done", 100.0)])
    table = progress_by(rows, "district").set_index("district")
    assert pd.isna(table.loc[3, "progress"]) and table.loc[4, "progress"] == 100.0


@pytest.mark.parametrize("by", ["district", ["district", "zone"]])
def test_progress_by_of_nothing_has_the_columns(by):
    keys = [by] if isinstance(by, str) else by
    table = progress_by(frame([]), by)
    assert table.empty
    assert list(table.columns) == [*keys, "progress", "records", "not_started",
                                   "in_progress", "done", "blocked", "not_applicable"]


def test_progress_by_two_keys_columns_and_values():
    # worked out by hand from RECORDS: (3, 0) = (1×100 + 3×20) / 4, (3, 1) = 2×50 / 2
    # (the not-applicable weight 5 left out), (4, 0) = 0, (4, 1) = 30
    table = progress_by(RECORDS, ["district", "zone"])
    assert list(table.columns) == ["district", "zone", "progress", "records", "not_started",
                                   "in_progress", "done", "blocked", "not_applicable"]
    assert list(zip(table["district"], table["zone"], strict=True)) == \
        [(3, 0), (3, 1), (4, 0), (4, 1)]
    assert table["progress"].tolist() == pytest.approx([40.0, 50.0, 0.0, 30.0])
    assert table["records"].tolist() == [2, 2, 1, 1]
    assert table["not_applicable"].tolist() == [0, 1, 0, 0]
    assert table["blocked"].tolist() == [0, 0, 0, 1]
    assert table["in_progress"].tolist() == [1, 1, 0, 0]


# -- the per-district sums the city figures are joined from (worked out by hand) ----------

def test_progress_sums_per_district():
    sums = progress_sums(RECORDS, "district").set_index("district")
    # district 3: applicable weight 1 + 3 + 2 = 6, Σ weight × progress 100 + 60 + 100 = 260
    assert (sums.loc[3, "_w"], sums.loc[3, "_wp"], sums.loc[3, "records"]) == (6.0, 260.0, 4)
    assert (sums.loc[3, "done"], sums.loc[3, "in_progress"], sums.loc[3, "not_applicable"],
            sums.loc[3, "blocked"], sums.loc[3, "not_started"]) == (1, 2, 1, 0, 0)
    # district 4: 1 + 1 = 2, 0 + 30 = 30
    assert (sums.loc[4, "_w"], sums.loc[4, "_wp"], sums.loc[4, "records"]) == (2.0, 30.0, 2)
    assert (sums.loc[4, "blocked"], sums.loc[4, "not_started"], sums.loc[4, "done"]) == (1, 1, 0)
    assert list(sums.index) == [3, 4]


def test_sums_of_parts_regroup_to_the_figures_of_the_whole():
    # each district's sums by zone, then regrouped by district: 260 / 6 and 30 / 2
    parts = pd.concat([progress_sums(RECORDS[RECORDS["district"] == d], ["district", "zone"])
                       for d in (4, 3)])
    got = progress_of_sums(parts, "district").set_index("district")
    assert list(got.index) == [3, 4]  # sorted, whatever order the parts came in
    assert got.loc[3, "progress"] == pytest.approx(260 / 6)
    assert got.loc[4, "progress"] == pytest.approx(15.0)
    assert (got.loc[3, "records"], got.loc[4, "records"]) == (4, 2)
    assert (got.loc[3, "in_progress"], got.loc[4, "blocked"]) == (2, 1)
    assert "_w" not in got.columns and "zone" not in got.columns
    # the same figures as progress_by on the whole
    pd.testing.assert_frame_equal(got.reset_index(), progress_by(RECORDS, "district"),
                                  check_dtype=False)


def test_a_group_with_nothing_applicable_has_no_progress():
    only_na = frame([(500, 5, 0, 2.0, "not_applicable", 0.0)])
    got = progress_of_sums(progress_sums(only_na, "district"), "district")
    assert got["progress"].isna().all() and int(got["records"].iloc[0]) == 1
    assert score_of_sums(progress_sums(only_na, "district")) is None


def test_the_score_of_sums_is_the_weighted_progress():
    sums = progress_sums(RECORDS, ["district", "zone"])
    # (100 + 60 + 100 + 0 + 30) / (1 + 3 + 2 + 1 + 1)
    assert score_of_sums(sums) == pytest.approx(290 / 8)
    assert score_of_sums(sums) == pytest.approx(weighted_progress(RECORDS))
    assert score_of_sums(sums.iloc[0:0]) is None


def test_empty_records_give_empty_sums_and_figures():
    sums = progress_sums(RECORDS.iloc[0:0], "district")
    assert sums.empty and {"district", "_w", "_wp", "records", "done"} <= set(sums.columns)
    got = progress_of_sums(sums, "district")
    assert got.empty and list(got.columns)[:3] == ["district", "progress", "records"]


def test_sums_keep_their_types_and_sort_their_groups():
    import numpy as np

    empty = progress_sums(RECORDS.iloc[0:0], "district")
    assert empty["_w"].dtype == float and empty["_wp"].dtype == float
    assert all(empty[c].dtype == np.int64 for c in ("records", "done", "blocked"))
    # district 4's records first: the groups still come sorted
    sums = progress_sums(pd.concat([RECORDS.iloc[4:], RECORDS.iloc[:4]]), "district")
    assert list(sums["district"]) == [3, 4]
    assert all(sums[c].dtype == np.int64 for c in ("records", "done", "not_applicable"))


def test_a_missing_progress_counts_as_nothing_done():
    rows = frame([(300, 3, 0, 2.0, "in_progress", None), (300, 3, 0, 2.0, "done", 100.0)])
    sums = progress_sums(rows, "district")
    # applicable weight 4, Σ weight × progress 2 × 0 + 2 × 100 = 200
    assert (float(sums["_w"].iloc[0]), float(sums["_wp"].iloc[0])) == (4.0, 200.0)
    assert score_of_sums(sums) == pytest.approx(50.0)


def test_a_light_clause_still_has_a_score():
    rows = frame([(300, 3, 0, 0.5, "in_progress", 40.0)])
    assert score_of_sums(progress_sums(rows, "district")) == pytest.approx(40.0)
