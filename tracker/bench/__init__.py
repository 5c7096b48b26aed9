"""The speed benchmark (``tracker bench``), all of it in one package.

- :mod:`tracker.bench.command`  the ``tracker bench`` command (registered by ``tracker.cli``)
- :mod:`tracker.bench.runner`   pages with AppTest (one process each), saves, concurrency, report
- :mod:`tracker.bench.page`     one page timed in its own process, and its bare floor
- :mod:`tracker.bench.cold`     cold start and page switches in a real browser
- :mod:`tracker.bench.data`     the generated city at Tehran and 10× scale (pure: frames)
- :mod:`tracker.bench.load`     bulk writes of that data (benchmark databases only)

Its strings are in ``tracker/strings/bench.py`` (every catalogue lives in ``tracker.strings``).
Nothing outside this package imports it, except the command line.
"""
