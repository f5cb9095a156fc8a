"""WCAG AA contrast of the map's symbols and choropleth classes on their backgrounds."""

from __future__ import annotations

import pytest

from atlas.citymap.choropleth import CHOROPLETH_OUTLINE, FILL_OPACITY, PALETTE
from atlas.citymap.contrast import GRAPHICS_AA, contrast_ratio
from atlas.citymap.symbols import SYMBOLS

# Light basemaps: Leaflet without tiles (#ddd), OpenStreetMap land (#f2efe9), white.
BACKGROUNDS = ("#dddddd", "#f2efe9", "#ffffff")


def _blend(colour: str, background: str, opacity: float) -> str:
    a = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(background[i:i + 2], 16) for i in (1, 3, 5)]
    mixed = (round(opacity * x + (1 - opacity) * y) for x, y in zip(a, b, strict=True))
    return "#" + "".join(f"{v:02x}" for v in mixed)


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("category", sorted(SYMBOLS))
def test_every_symbol_stands_out_from_the_basemap(category: str) -> None:
    colour = SYMBOLS[category].colour
    for background in BACKGROUNDS:
        assert contrast_ratio(colour, background) >= GRAPHICS_AA, (category, background)


@pytest.mark.parametrize("colour", PALETTE)
def test_district_outlines_stand_out_from_every_class(colour: str) -> None:
    for background in BACKGROUNDS:
        shown = _blend(colour, background, FILL_OPACITY)
        assert contrast_ratio(CHOROPLETH_OUTLINE, shown) >= GRAPHICS_AA, (colour, shown)
