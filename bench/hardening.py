"""Issue 18 figures: an XLSX bomb refused vs. parsed naively; parallel sign-ins checked.

- XLSX: a workbook of well under 1 MB with 400,000 rows. Naive = openpyxl read-only
  over every row (what the upload did before); now = atlas.places.tabular.read_table_bytes,
  which refuses it from the zip entries. Peak memory via tracemalloc.
- Sign-in: 20 parallel attempts with wrong passwords for one name and the real
  argon2 parameters; how many passwords were checked, and the peak number of
  checks running at once (each costs about 58 MB).

``python -m bench.hardening``
"""

from __future__ import annotations

import io
import threading
import time
import tracemalloc
import zipfile


def _bomb(rows: int) -> bytes:
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "upload_tests", Path(__file__).resolve().parent.parent / "tests" /
        "test_upload_hardening.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module._xlsx(module._sheet(repeat=rows))


def _timed(fn) -> tuple[float, float, object]:
    tracemalloc.start()
    start = time.perf_counter()
    try:
        result = fn()
    except Exception as e:  # noqa: BLE001 (the refusal is the result)
        result = e
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 1_048_576
    tracemalloc.stop()
    return seconds, peak, result


def _naive(data: bytes) -> int:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    return sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))


def bench_bomb(rows: int = 400_000) -> None:
    from atlas.places.tabular import read_table_bytes

    data = _bomb(rows)
    unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    print(f"XLSX-Bombe: {len(data) / 1e6:.2f} MB gepackt, {unpacked / 1e6:.0f} MB entpackt, "
          f"{rows:,} Zeilen")
    seconds, peak, result = _timed(lambda: read_table_bytes(data, "bombe.xlsx"))
    print(f"  jetzt: {seconds:.2f} s, Spitze {peak:.1f} MB -> {str(result)[:80]}")
    sample = _bomb(rows // 10)  # the naive read is slow: time a tenth and scale up
    start = time.perf_counter()
    counted = _naive(sample)
    seconds = (time.perf_counter() - start) * 10
    print(f"  naiv (openpyxl liest jede Zeile): ~{seconds:.0f} s für {rows:,} Zeilen "
          f"(gemessen an {counted:,} Zeilen, hochgerechnet)")


def bench_signin(parallel: int = 20) -> None:
    from atlas.access import auth
    from atlas.access.roles import Role
    from atlas.access.users import add_user, new_hasher

    hasher = new_hasher()
    users = add_user({}, "anna", "richtig-und-lang", Role.KOORDINATION, hasher=hasher)
    running, peak, checked = [0], [0], [0]
    lock = threading.Lock()
    real = auth.verify_password

    def tracked(user, password, h):
        with lock:
            running[0] += 1
            checked[0] += 1
            peak[0] = max(peak[0], running[0])
        try:
            return real(user, password, h)
        finally:
            with lock:
                running[0] -= 1

    auth.verify_password = tracked
    try:
        store = auth.LockoutStore()
        barrier = threading.Barrier(parallel)

        def attempt(i: int) -> None:
            barrier.wait()
            auth.authenticate(users, "anna", f"falsch-{i:04d}", store, hasher=hasher)

        start = time.perf_counter()
        threads = [threading.Thread(target=attempt, args=(i,)) for i in range(parallel)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.perf_counter() - start
    finally:
        auth.verify_password = real
    print(f"Anmeldung: {parallel} parallele Versuche -> {checked[0]} Passwörter geprüft "
          f"(vorher: {parallel}), höchstens {peak[0]} gleichzeitig "
          f"(vorher: {parallel}, je ~{hasher.memory_cost / 1024:.0f} MB), {seconds:.2f} s")


def main() -> None:
    bench_bomb()
    bench_signin()


if __name__ == "__main__":
    main()
