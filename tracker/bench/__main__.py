"""``python -m tracker.bench page DB FILE RUNS SPEC [USERNAME QUERY]``: one page measured
in this process (see :func:`tracker.bench.page.measure_page`), signed in as USERNAME
(default ``admin``) with the url-encoded QUERY, its result printed as one JSON line."""

from __future__ import annotations

import json
import sys


def main(argv: list[str]) -> int:
    if len(argv) not in (5, 7) or argv[0] != "page":
        print(__doc__, file=sys.stderr)
        return 2
    from urllib.parse import parse_qsl

    from tracker.bench.page import measure_page

    db_path, file, runs, spec = argv[1:5]
    username, query = (argv[5], dict(parse_qsl(argv[6]))) if len(argv) == 7 else ("admin", {})
    print(json.dumps(measure_page(db_path, file, int(runs), spec, username, query)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
