"""The Streamlit adapter: garbage collection tuned for serving (in a process of its own,
since gc.freeze() would freeze the test runner's heap)."""

import json
import subprocess
import sys

_SCRIPT = r"""
import gc, json, weakref
from tracker.ui import st_internals
from streamlit import config
before = config.get_option("runner.postScriptGC")
st_internals.tune_gc()
first = st_internals.gc_state()
st_internals.tune_gc()  # nothing new imported: no second freeze
second = st_internals.gc_state()
import pandas, sqlite_utils  # many new modules: the next call freezes them too
st_internals.tune_gc()
third = st_internals.gc_state()

class Node:
    pass

# cyclic garbage made after the freeze is still collected by the automatic collector
probes = []
for i in range(200_000):
    a, b = Node(), Node()
    a.other, b.other = b, a
    if i % 1000 == 0:
        probes.append(weakref.ref(a))
alive = sum(p() is not None for p in probes)
print(json.dumps({"before": before, "first": first, "second": second, "third": third,
                  "enabled": gc.isenabled(), "alive": alive, "probes": len(probes)}))
"""


def test_tune_gc_turns_off_the_full_collection_per_run_and_freezes_the_long_lived_heap(
        tmp_path):
    # run away from the repository: its .streamlit/config.toml turns the option off too
    done = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True,
                          check=True, timeout=120, cwd=tmp_path)
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["before"] is True  # Streamlit's default: gc.collect(2) after every run
    assert out["first"]["post_script_gc"] is False
    assert out["first"]["freezes"] == 1 and out["first"]["frozen_objects"] > 0
    assert out["second"]["freezes"] == 1
    assert out["third"]["freezes"] == 2
    assert out["third"]["frozen_objects"] > out["first"]["frozen_objects"]
    assert out["first"]["thresholds"][0] == 10_000
    assert out["enabled"] is True
    # at most the last young generation's worth is still waiting
    assert out["alive"] < out["probes"] // 4, out


def test_the_served_app_config_turns_off_the_full_collection_per_run():
    import tomllib

    from tracker import config

    conf = tomllib.loads((config.ROOT / ".streamlit" / "config.toml").read_text())
    assert conf["runner"]["postScriptGC"] is False
