"""``python -m tracker.bench page DB FILE RUNS SPEC``: one page measured in this process
(see :func:`tracker.bench.page.measure_page`), its result printed as one JSON line."""

from __future__ import annotations

import json
import sys


def main(argv: list[str]) -> int:
    if len(argv) != 5 or argv[0] != "page":
        print(__doc__, file=sys.stderr)
        return 2
    from tracker.bench.page import measure_page

    db_path, file, runs, spec = argv[1:]
    print(json.dumps(measure_page(db_path, file, int(runs), spec)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
