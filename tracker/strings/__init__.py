"""String catalogues: one module per area, each with ``STRINGS = {key: (fa, en)}``."""
