"""The database: schema, migrations, ingest, queries and exports (docs/database.md).

- `db.open_store(url_or_path)` opens SQLite (default `./strikelog.db`) or PostgreSQL and
  migrates it (`migrations`, tables in `schema`).
- `ingest.ingest_reports(store, reports, ...)` extracts and stores, one transaction per
  report (`save` writes the rows, `rawsql` runs the INSERTs on the driver's cursor).
- `query` reads incidents, waves, reports and daily series; `extraction` rebuilds a stored
  extraction; `export` writes CSV, JSON Lines, GeoJSON and ACLED-style CSV.
- `cli` holds the `ingest`, `incidents`, `waves`, `report` and `export` commands; `view`
  their terminal rendering.
"""
