"""Inline SVG symbols, one colour and shape per category, for map markers and the legend.

No icon font and no image file: every symbol is a small SVG string, so the map
needs nothing from a CDN. Approximate positions get a hollow, dashed outline of
the same shape, so they read as "somewhere around here".
"""

from __future__ import annotations

from dataclasses import dataclass

from atlas.model import Category


@dataclass(frozen=True)
class Symbol:
    """Colour (hex) and shape name of one category's marker."""

    colour: str
    shape: str  # circle | square | diamond | triangle | hexagon | star | pentagon | cross


# Hues of the Okabe-Ito palette (readable with colour-vision deficiencies), darkened
# where needed so that every symbol has 3:1 contrast on the light basemaps (WCAG 1.4.11);
# shapes differ too, so colour is never the only cue.
SYMBOLS: dict[str, Symbol] = {
    Category.UNTERKUNFT.value: Symbol("#7a3e9d", "square"),
    Category.VORORTBUERO.value: Symbol("#b85400", "star"),
    Category.MSA.value: Symbol("#0072b2", "diamond"),
    Category.BERATUNG.value: Symbol("#00806e", "circle"),
    Category.INITIATIVE.value: Symbol("#9a6700", "triangle"),
    Category.NETZWERK.value: Symbol("#a8447f", "hexagon"),
    Category.BEHOERDE.value: Symbol("#404040", "pentagon"),
    Category.REGELANGEBOT.value: Symbol("#4d7a00", "cross"),
}

_FALLBACK = Symbol("#666666", "circle")

# Shapes drawn in a 24 x 24 box.
_SHAPES: dict[str, str] = {
    "circle": '<circle cx="12" cy="12" r="8"/>',
    "square": '<rect x="4.5" y="4.5" width="15" height="15"/>',
    "diamond": '<polygon points="12,2.5 21.5,12 12,21.5 2.5,12"/>',
    "triangle": '<polygon points="12,3 21.5,20 2.5,20"/>',
    "hexagon": '<polygon points="12,2.5 20.5,7.2 20.5,16.8 12,21.5 3.5,16.8 3.5,7.2"/>',
    "pentagon": '<polygon points="12,2.5 21.5,9.4 17.9,20.5 6.1,20.5 2.5,9.4"/>',
    "star": (
        '<polygon points="12,2 14.6,8.6 21.5,9.2 16.2,13.6 17.9,20.5 12,16.8 '
        '6.1,20.5 7.8,13.6 2.5,9.2 9.4,8.6"/>'
    ),
    "cross": '<polygon points="9,3 15,3 15,9 21,9 21,15 15,15 15,21 9,21 9,15 3,15 3,9 9,9"/>',
}


def symbol_for(category: str) -> Symbol:
    """The symbol of a category (a neutral grey circle for unknown ones)."""
    return SYMBOLS.get(str(category), _FALLBACK)


def symbol_svg(category: str, *, approximate: bool = False, size: int = 22) -> str:
    """An inline SVG marker: filled for exact positions, hollow and dashed for approximate."""
    symbol = symbol_for(category)
    if approximate:
        paint = (
            f'fill="#ffffff" fill-opacity="0.85" stroke="{symbol.colour}" '
            'stroke-width="2.5" stroke-dasharray="3 2"'
        )
    else:
        paint = f'fill="{symbol.colour}" stroke="#ffffff" stroke-width="1.5"'
    shape = _SHAPES.get(symbol.shape, _SHAPES["circle"])
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 24 24" aria-hidden="true"><g {paint}>{shape}</g></svg>'
    )
