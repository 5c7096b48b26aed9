"""File exchange: spreadsheets, CSV/Excel bytes, templates, reference CSVs, uploaded files."""
