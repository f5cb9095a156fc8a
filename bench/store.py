"""Store figures (issue 13), each beside a naive version.

- reading 10,000 places (one query, one JSON parse) vs. one query and one
  pydantic parse per place (target ≤ 100 ms);
- import of 10,000 rows with the diff preview vs. asking the store row by row
  (target ≤ 10 s);
- an approved edit visible on the same server's map (AppTest rerun of app.py)
  vs. a cold reload without caches (target ≤ 1 s);
- the map page's warm rerun with store-backed data vs. file-backed data at
  1,000 places (target: no slower than file-backed, 0.04 s in issue 4).

SQLite always; PostgreSQL too when ``TEST_POSTGRES_URL`` is set (``python
tools/pgcluster.py run -- .venv/bin/python -m bench store``). Synthetic places
only (names say "Synthetisch").
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from atlas.access.roles import Role
from atlas.model import Resource
from atlas.store import Store
from atlas.store.places import current_version
from atlas.store.tables import places
from atlas.upkeep.editing import Editor
from bench.map import CITY, synthetic_records, synthetic_rows

N = 10_000


def _fresh_sqlite() -> str:
    return f"sqlite:///{tempfile.mkdtemp(prefix='bench-store-')}/atlas.db"


def _fresh_postgres() -> str | None:
    server = os.environ.get("TEST_POSTGRES_URL")
    if not server:
        return None
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from store_fixtures import fresh_postgres_database

    return fresh_postgres_database(server)[0]


def _filled(url: str, records: list[Resource]) -> Store:
    store = Store(url)
    store.migrate()
    with store.write() as conn:
        from atlas.store.places import write_version

        for record in records:
            write_version(conn, record, base_version=0, action="seed", author="seed")
    return store


def _best(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def read_figures(store: Store) -> tuple[float, float, float]:
    """(cold read, read after one change, naive) in seconds."""
    def naive() -> list[Resource]:
        with store.read() as conn:
            ids = conn.execute(sa.select(places.c.id)).scalars().all()
            return [Resource.model_validate(json.loads(conn.execute(
                sa.select(places.c.data).where(places.c.id == i)).scalar())) for i in ids]

    assert len(store.places()) == N
    cold = _best(lambda: Store(store.url).places())
    changes = iter(range(100))

    def after_one_change() -> list[Resource]:
        record, version = store.place("syn-1")
        store.save(record.model_copy(update={"phone": f"0351 {next(changes)}"}),
                   base_version=version, action="edit", author="bench")
        start = time.perf_counter()
        out = store.places()
        timings.append(time.perf_counter() - start)
        return out

    timings: list[float] = []
    for _ in range(5):
        after_one_change()
    return cold, min(timings), _best(naive, repeat=1)


def _import_csv(records: list[Resource]) -> bytes:
    rows = synthetic_rows(N)
    for i, row in enumerate(rows):
        if i % 2:
            row["name"] += " (geändert)"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def import_figures(store: Store, records: list[Resource]) -> tuple[float, float, dict]:
    from atlas.upkeep.importer import preview_import

    payload = _import_csv(records)
    editor = Editor("bench", Role.ADMIN)
    start = time.perf_counter()
    current = store.current()
    preview = preview_import(payload, "bench.csv", CITY, current, editor)
    ours = time.perf_counter() - start
    start = time.perf_counter()
    with store.read() as conn:  # naive: ask the store for every row on its own
        naive_current = {}
        for row in csv.DictReader(io.StringIO(payload.decode())):
            found = conn.execute(sa.select(places.c.data).where(places.c.id == row["id"])
                                 ).scalar()
            if found:
                naive_current[row["id"]] = (Resource.model_validate_json(found),
                                            current_version(conn, row["id"]))
    preview_import(payload, "bench.csv", CITY, naive_current, editor)
    naive = time.perf_counter() - start
    return ours, naive, preview.counts


def main() -> None:
    records = synthetic_records(N)
    backends = [("SQLite", _fresh_sqlite())]
    pg = _fresh_postgres()
    backends.append(("PostgreSQL", pg) if pg else ("PostgreSQL", None))
    print(f"Store (Issue 13) – {N:,} synthetische Orte")
    for label, url in backends:
        if url is None:
            print(f"{label}: übersprungen (TEST_POSTGRES_URL fehlt; siehe Modul-Docstring)")
            continue
        store = _filled(url, records)
        cold, warm, naive = read_figures(store)
        print(f"{label}: {N:,} Orte lesen {cold * 1000:.0f} ms kalt, {warm * 1000:.0f} ms nach "
              f"einer Änderung (Ziel ≤ 100 ms) vs. naiv je Ort eine Abfrage "
              f"{naive * 1000:.0f} ms", flush=True)
        ours, naive, counts = import_figures(store, records)
        print(f"{label}: Import {N:,} Zeilen mit Vorschau {ours:.2f} s (Ziel ≤ 10 s; {counts}) "
              f"vs. naiv Zeile für Zeile {naive:.2f} s", flush=True)
        store.close()
    from bench._store_app import main as app_main

    app_main()


if __name__ == "__main__":
    main()
