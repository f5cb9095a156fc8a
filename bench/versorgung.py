"""Benchmark of "Versorgung im Sozialraum": the vectorised model vs. a naive per-cell loop.

``python -m bench.versorgung`` needs cached boundaries (``make boundaries``). It
times, on the 64 Stadtteile:
- the grid (built once per boundary/address version, then cached by the app);
- the whole computation for all 10 Handlungsfelder (plus "alle"), warm: offers,
  one KD-tree query per field, figures per Stadtteil and district for every field;
- a rerun after changing the Handlungsfeld or the distance (one ``figures_for``);
- the same with 10,000 synthetic exact offers;
and the naive version: for every cell a Python loop over the offers of the field,
then per Stadtteil a sorted Python list for median, P90 and share.
Targets (issue 14): whole ≤ 0.5 s; rerun ≤ 0.3 s; 10,000 offers ≤ 1 s.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import statistics
import time
from collections.abc import Callable

from atlas.export.council import export_districts, load_export_data
from atlas.model import HANDLUNGSFELDER, Resource
from atlas.settings import load_config
from atlas.versorgung.grid import build_grid
from atlas.versorgung.model import FIELDS, build_model, figures_for

DAY = dt.date.today()


def median_s(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def synthetic_offers(n: int, bbox: tuple[float, float, float, float],
                     seed: int = 14) -> list[Resource]:
    """``n`` exact, public offers uniformly in the bbox, each with one to three fields."""
    rnd = random.Random(seed)
    west, south, east, north = bbox
    return [
        Resource.model_construct(
            id=f"o{i}", name=f"Angebot {i}", category="beratung",
            lat=rnd.uniform(south, north), lon=rnd.uniform(west, east),
            location_precision="exact", source_date="2026", stadtbezirk=None, stadtteil=None,
            handlungsfelder=tuple(rnd.sample(HANDLUNGSFELDER, rnd.randint(1, 3))),
            languages=(),
        )
        for i in range(n)
    ]


def naive_field(grid, xs: list[float], ys: list[float], distance: float) -> list[tuple]:
    """Per cell the nearest offer by a Python loop; per Stadtteil median, P90, share."""
    cells: dict[int, list[tuple[float, float]]] = {}
    for cx, cy, st, w in zip(grid.x.tolist(), grid.y.tolist(), grid.stadtteil.tolist(),
                             grid.weight.tolist(), strict=True):
        best = math.inf
        for ox, oy in zip(xs, ys, strict=True):
            d = math.hypot(cx - ox, cy - oy)
            if d < best:
                best = d
        cells.setdefault(st, []).append((best, w))
    out = []
    for st, values in cells.items():
        values.sort()
        total = sum(w for _, w in values)
        running, median, p90 = 0.0, None, None
        for d, w in values:
            running += w
            if median is None and running >= 0.5 * total:
                median = d
            if p90 is None and running >= 0.9 * total:
                p90 = d
        share = sum(w for d, w in values if d <= distance) / total
        out.append((st, median, p90, share))
    return out


def _offers_xy(model, field: str) -> tuple[list[float], list[float]]:
    chosen = model.offers.reach & model.offers.fields[:, FIELDS.index(field)]
    return model.offers.x[chosen].tolist(), model.offers.y[chosen].tolist()


def run(label: str, grid, records, data, rows) -> None:
    districts = export_districts(data)

    def whole():
        model = build_model(grid, records, city=data.city, districts=districts,
                            population_rows=rows, day=DAY)
        return [figures_for(model, f, 1000) for f in FIELDS]

    whole()  # warm: imports, transformer, first allocations
    model = build_model(grid, records, city=data.city, districts=districts,
                        population_rows=rows, day=DAY)
    t_whole = median_s(whole, 5)
    t_rerun = median_s(lambda: figures_for(model, "M", 750), 20)
    reach = int(model.offers.reach.sum())
    print(f"{label}: {len(model.offers)} Angebote ({reach} mit genauer Lage), "
          f"{len(grid)} Zellen, {len(grid.numbers)} Stadtteile × {len(FIELDS)} Felder")
    print(f"  ganze Berechnung (warm)        {t_whole * 1000:8.1f} ms")
    print(f"  Neuberechnung Feld/Entfernung  {t_rerun * 1000:8.1f} ms")
    naive_total, sampled = 0.0, False
    for field in FIELDS:
        xs, ys = _offers_xy(model, field)
        if not xs:
            continue
        if len(xs) * len(grid) > 5_000_000:  # too slow in full: time the inner loop on a share
            share = 5_000_000 / (len(xs) * len(grid))
            start = time.perf_counter()
            for _ in range(int(len(grid) * share)):
                for ox, oy in zip(xs, ys, strict=True):
                    math.hypot(ox, oy)
            naive_total += (time.perf_counter() - start) / share
            sampled = True
        else:
            start = time.perf_counter()
            naive_field(grid, xs, ys, 1000)
            naive_total += time.perf_counter() - start
    note = " (hochgerechnet aus einer Stichprobe)" if sampled else ""
    print(f"  naive Python-Schleife je Zelle {naive_total * 1000:8.1f} ms{note}")
    if naive_total:
        print(f"  Faktor                         {naive_total / t_whole:8.1f} ×")


def main() -> None:
    data = load_export_data(load_config())
    if data.boundaries is None:
        print("Keine Grenzen im Cache: zuerst `make boundaries`.")
        return
    cold = time.perf_counter()
    grid = build_grid(data.boundaries.stadtteile, crs=data.city.projected_crs,
                      address_points=data.address_points)
    print(f"Raster (einmal je Grenz-/Adressstand, im Cache) {time.perf_counter() - cold:.2f} s; "
          f"Gewichtung: {grid.weighting}")
    figures = data.figures
    rows = [*figures.population, *figures.stadtteil_population]
    run("Ausgelieferte Daten", grid, data.records, data, rows)
    for n in (1_000, 10_000):
        run(f"Synthetisch {n:,}".replace(",", "."), grid,
            synthetic_offers(n, data.city.bbox), data, rows)


if __name__ == "__main__":
    main()
