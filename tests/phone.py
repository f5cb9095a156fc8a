"""Phone-width checks for browser tests: screenshots while scrolling, overflow, touch targets."""

from __future__ import annotations

from pathlib import Path

PHONE = {"width": 390, "height": 844}

# Streamlit scrolls its main area inside the page, so full-page screenshots show one screen.
_SCROLLER = """() => document.querySelector('[data-testid=stMain]')
                       || document.scrollingElement"""


def screens(page, folder: Path, name: str, *, limit: int = 6) -> list[Path]:
    """Screenshots of the page scrolled screen by screen (at most ``limit``)."""
    folder.mkdir(parents=True, exist_ok=True)
    shots = []
    scroller = page.evaluate_handle(_SCROLLER)
    for i in range(limit):
        path = folder / f"{name}-{i}.png"
        page.screenshot(path=str(path))
        shots.append(path)
        done = page.evaluate(
            "(e) => { if (!e) return true; const before = e.scrollTop;"
            " e.scrollTop += e.clientHeight - 80; return e.scrollTop === before; }", scroller)
        if done:
            break
        page.wait_for_timeout(300)
    page.evaluate("(e) => { if (e) e.scrollTop = 0; }", scroller)
    return shots


def horizontal_overflow(page) -> int:
    """Pixels the page is wider than the screen (0: no horizontal scrolling)."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - window.innerWidth")


# Controls a finger has to hit; inline links in running text are exempt (WCAG 2.5.5).
_SMALL_TARGETS = """() => {
  const sel = 'button, [role=button], input:not([type=hidden]), select, summary,'
            + ' [role=combobox], [data-testid=stPageLink] a, label[data-baseweb=radio],'
            + ' label[data-baseweb=checkbox]';
  const out = [];
  for (const el of document.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
    if (el.closest('[data-testid=stSidebar]')) continue;  // closed on phones
    // Parts of a larger target: the chevron inside a 44 px select.
    if (el.closest('[data-baseweb=select], [data-testid=stSelectbox],'
                   + ' [data-testid=stMultiSelect]') && !el.matches('[role=combobox]')) continue;
    // Streamlit's own markup: the dataframe toolbar (hover icons; CSV download and the
    // HTML table beside it offer the same) and the help "?" beside labels.
    if (el.closest('[data-testid=stElementToolbar], [data-testid=stTooltipHoverTarget]'))
      continue;
    if (el.type === 'radio' || el.type === 'checkbox') continue;  // their label is the target
    if (r.height < 44 - 0.5 && r.width < 44 - 0.5 || Math.min(r.height, r.width) < 24) {
      out.push((el.getAttribute('aria-label') || el.innerText || el.tagName).slice(0, 40)
               + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
    }
  }
  return out;
}"""


def small_touch_targets(page) -> list[str]:
    """Controls in the main area smaller than 44 px in both directions."""
    return page.evaluate(_SMALL_TARGETS)


_SMALL_MAP_CONTROLS = """() => [...document.querySelectorAll(
    '.leaflet-control a, .leaflet-control button, .leaflet-control summary')]
  .map(e => [e, e.getBoundingClientRect()])
  .filter(([e, r]) => r.width > 0 && !e.closest('.leaflet-control-attribution')
                      && (r.width < 43.5 || r.height < 43.5))
  .map(([e, r]) => (e.title || e.innerText || e.tagName).slice(0, 30)
                   + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))"""


def small_map_controls(frame) -> list[str]:
    """Map controls (zoom, legend, "Mein Standort") smaller than 44 px; a Playwright Frame."""
    return frame.evaluate(_SMALL_MAP_CONTROLS)
