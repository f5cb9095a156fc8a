"""Run every benchmark in bench/ and print its figures: ``python -m bench``."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import time
from pathlib import Path


def main() -> int:
    names = sorted(
        m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)])
        if not m.name.startswith("_")
    )
    only = set(sys.argv[1:])
    failed = []
    for name in names:
        if only and name not in only:
            continue
        print(f"\n=== bench.{name} ===", flush=True)
        start = time.perf_counter()
        module = importlib.import_module(f"bench.{name}")
        environ = dict(os.environ)  # some benchmarks point ATLAS_* at synthetic data
        try:
            module.main()
        except Exception as e:  # a failing benchmark must not hide the others' figures
            failed.append(name)
            print(f"FEHLER in bench.{name}: {e!r}")
        finally:
            os.environ.clear()
            os.environ.update(environ)
        print(f"({time.perf_counter() - start:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
