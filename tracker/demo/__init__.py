"""The demo: a plausible city's records, plans, visits, reporting cycle and accounts."""
