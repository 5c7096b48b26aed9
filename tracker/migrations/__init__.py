"""Schema migrations, one ``sqlite_utils.migrations.Migrations`` set per module.

Each module defines ``migrations`` (a set with a unique name) and ``ORDER``
(sets are applied in ascending order, so a set may reference tables of a set
with a lower ORDER). Never edit an applied migration: add a new one.
"""
