"""axe-core in a real browser: run it on a Playwright page and sum up the violations.

axe.min.js comes from the pinned PyPI package ``axe-playwright-python``
(requirements-dev.txt), so the tests run offline and inject the script
themselves. Each frame is checked on its own (the map lives in a component
iframe), so a violation inside the map counts too.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from importlib import resources

IMPACTS = ("critical", "serious", "moderate", "minor")

# Rules that Streamlit's own markup cannot meet would be excluded here one by one, each
# with its reason. None is needed: every critical and serious finding was fixed. What
# remains is moderate and listed by the tests (inside the map's component iframe, whose
# page streamlit-folium writes: no <main>, no <h1>).
EXCLUDED_RULES: dict[str, str] = {}


@dataclass
class AxeReport:
    """The violations of one page, all frames together."""

    url: str
    violations: list[dict] = field(default_factory=list)

    def counted(self) -> list[dict]:
        """The violations of rules that are not excluded (see EXCLUDED_RULES)."""
        return [v for v in self.violations if v["id"] not in EXCLUDED_RULES]

    def by_impact(self, *, all_rules: bool = False) -> Counter:
        found = self.violations if all_rules else self.counted()
        return Counter(v.get("impact") or "minor" for v in found)

    def blocking(self) -> list[dict]:
        """Violations of impact critical or serious: the tests allow none."""
        return [v for v in self.counted() if v.get("impact") in ("critical", "serious")]

    def lines(self) -> list[str]:
        """One line per violated rule: impact, rule, number of nodes, first target."""
        out = []
        for v in sorted(self.counted(), key=lambda v: IMPACTS.index(v.get("impact") or "minor")):
            node = v["nodes"][0] if v.get("nodes") else {}
            detail = (node.get("failureSummary") or "").replace("\n", " ")[-160:]
            out.append(f"  {v.get('impact')}: {v['id']} ({len(v.get('nodes', []))}×) "
                       f"{v.get('help', '')} – {node.get('target', '')} – {detail}")
        return out


def axe_source() -> str:
    """The bundled axe.min.js (axe-core 4.x) as text."""
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def _run_in_frame(frame, source: str) -> list[dict]:
    if not frame.evaluate("() => typeof window.axe !== 'undefined'"):
        frame.evaluate(source)
    result = frame.evaluate(
        "async () => await axe.run(document, {iframes: false, resultTypes: ['violations']})")
    return result["violations"]


def run_axe(page, attempts: int = 3) -> AxeReport:
    """Run every axe-core rule in the page and in each of its frames, on a still page.

    All rules run; ``AxeReport.counted`` leaves out the excluded ones, so a
    report can show both figures. A report is kept only if Streamlit did not run
    the script while axe measured: a run fades the page (stale elements) and axe
    would measure the faded text. Otherwise the page settles and axe runs again.
    """
    source = axe_source()
    for attempt in range(attempts):
        if attempt:
            settle(page)
        before = page.evaluate(_STATE_STAMP)
        report = AxeReport(page.url)
        for frame in page.frames:
            if frame.is_detached() or frame.url in ("", "about:blank"):
                continue
            report.violations.extend(_run_in_frame(frame, source))
        if before is not None and page.evaluate(_STATE_STAMP) == before \
                and page.evaluate(_QUIET, 0):
            return report
    return report


def format_counts(counts: Counter) -> str:
    return " · ".join(f"{impact} {counts.get(impact, 0)}" for impact in IMPACTS)


MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"


# Records when Streamlit's script state last changed, so settle() can ask for a quiet spell.
_WATCH_STATE = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || window.__atlasStateWatch) return;
  window.__atlasStateChanged = performance.now();
  const touch = () => { window.__atlasStateChanged = performance.now(); };
  window.__atlasStateWatch = new MutationObserver(touch);
  window.__atlasStateWatch.observe(app, {attributes: true,
                                         attributeFilter: ['data-test-script-state']});
}"""
# When the script state last changed (None before settle() started watching).
_STATE_STAMP = "() => window.__atlasStateChanged ?? null"
# Idle for ``quiet`` ms, nothing stale and no placeholder left. Streamlit fades stale
# elements while it reruns, and it loads most element types (st.html among them) as
# separate scripts, drawing a skeleton until each has arrived. On a loaded runner the
# captions could arrive before st.html's style sheet: CI failed twice on their contrast.
_QUIET = """(quiet) => {
  const app = document.querySelector('[data-testid=stApp]');
  return app?.dataset.testScriptState === 'notRunning'
    && !document.querySelector(
      '[data-stale=true], [data-testid=stSkeleton], [data-testid=stSkeletonElement]')
    && performance.now() - (window.__atlasStateChanged ?? 0) > quiet;
}"""


def settle(page, timeout: int = 120_000, quiet: int = 1_000) -> None:
    """Wait until Streamlit has drawn the page (its title) and its maps, and stays idle.

    The script state must have stayed "notRunning" for ``quiet`` ms, so a run that
    starts late (a widget or a map sending its value) is waited for too, and every
    element script Streamlit loads on demand must have arrived (no skeleton left).
    """
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=timeout)
    page.evaluate(_WATCH_STATE)
    if page.locator(MAP_FRAME).count():
        page.frame_locator(MAP_FRAME).first.locator(".leaflet-container").wait_for(
            timeout=timeout)
    page.wait_for_function(_QUIET, arg=quiet, timeout=timeout, polling=100)
    page.wait_for_timeout(300)  # one more paint after the last run


def visit_signed_in(page, nav_title: str) -> None:
    """Open a page through the sidebar navigation: a reload would start a new, public session."""
    page.get_by_test_id("stSidebarNav").get_by_text(nav_title, exact=True).click()
    page.wait_for_timeout(300)
    settle(page)


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the select labelled ``label`` (by keyboard, like a user would)."""
    page.get_by_role("combobox", name=label).click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    settle(page)
