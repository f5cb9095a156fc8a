"""Accessibility figures (issue 15): axe-core violations per page and impact, public and signed in.

``python -m bench.a11y`` starts the app on the shipped data, visits every page in
headless chromium (first public, then signed in as a coordinator from a temporary
users file) and prints the axe-core violations by impact: once for all rules and
once without the rules excluded in ``tests/axe.py`` (each with its reason).
It also times how long the city map's data takes to show on a first visit.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from atlas.settings import ROOT

sys.path.insert(0, str(ROOT / "tests"))

PUBLIC_PAGES = ("/", "/?ebene=stadtteile", "/bezirk?bezirk=neustadt", "/naehe",
                "/naehe?stadtteil=Pieschen-Süd", "/versorgung", "/fachplan", "/qualitaet",
                "/daten", "/pflege")
# Signed in, pages open through the navigation: a reload would start a new, public session.
SIGNED_IN_PAGES = ("nav_map", "nav_profile", "nav_nearby", "nav_versorgung", "nav_fachplan",
                   "nav_quality", "nav_data", "nav_pflege")
USER, SECRET = "bench", "bench-a11y-geheim"


def _users_file(folder: Path) -> Path:
    from argon2 import PasswordHasher

    from atlas.access.roles import Role
    from atlas.access.users import add_user, save_users

    users = add_user({}, USER, SECRET, Role.KOORDINATION, display_name="Bench B.",
                     hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    save_users(folder / "users.json", users)
    return folder / "users.json"


def sign_in(page, base: str) -> None:
    from axe import settle

    page.goto(base + "/qualitaet")
    settle(page)
    page.get_by_test_id("stSidebar").get_by_text("Anmeldung").click()
    page.get_by_label("Benutzername").fill(USER)
    page.get_by_label("Passwort").fill(SECRET)
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_test_id("stSidebar").get_by_text("Interne Ansicht –").wait_for(timeout=60_000)


def audit_pages(page, base: str, paths: tuple[str, ...], label: str, *,
                signed_in: bool = False) -> list:
    """axe on each page; signed in, ``paths`` are navigation keys of texts.APP."""
    from axe import choose, settle, visit_signed_in

    from atlas import texts

    reports = []
    for path in paths:
        if signed_in:
            visit_signed_in(page, texts.APP[path])
            if path == "nav_nearby":
                choose(page, texts.NEARBY["stadtteil_label"], "Pieschen-Süd")
        else:
            page.goto(base + path)
            settle(page)
        reports.append(_report(page, base, label))
    return reports


def _report(page, base: str, label: str):
    from axe import format_counts, run_axe

    report = run_axe(page)
    every = format_counts(report.by_impact(all_rules=True))
    print(f"{label:<11} {report.url.replace(base, ''):<32} alle Regeln: {every}"
          f"  | gezählt: {format_counts(report.by_impact())}", flush=True)
    for line in report.lines():
        print("   " + line)
    return report


def time_to_map_data(browser, base: str) -> float:
    """Seconds until the first area shape of the city map shows on a first visit."""
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(base + "/")
    page.frame_locator("iframe[title='streamlit_folium.st_folium']").locator("path[data-area]").first.wait_for(timeout=120_000)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def main() -> None:
    from conftest import CHROMIUM, start_app, stop_app
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="bench-a11y-"))
    env = {"ATLAS_TILES": "none", "ATLAS_USERS_FILE": str(_users_file(tmp)),
           "ATLAS_AUDIT_LOG": str(tmp / "audit.jsonl"), "ATLAS_AUTH_MODE": "embedded",
           "ATLAS_CONFIG": str(tmp / "none.toml")}
    server = start_app(env, tmp / "app.log")
    print("axe-core je Seite nach Auswirkung (critical · serious · moderate · minor);"
          " Ziel: 0 critical/serious")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=["--no-sandbox", "--disable-gpu"])
            first = [time_to_map_data(browser, server.url) for _ in range(3)]
            context = browser.new_context(viewport={"width": 1366, "height": 900})
            page = context.new_page()
            audit_pages(page, server.url, PUBLIC_PAGES, "öffentlich")
            sign_in(page, server.url)
            audit_pages(page, server.url, SIGNED_IN_PAGES, "angemeldet", signed_in=True)
            context.close()
            browser.close()
    finally:
        stop_app(server)
    print("Stadtkarte, Daten sichtbar beim ersten Besuch (neuer Browserkontext, Ziel ≤ 3 s): "
          + ", ".join(f"{t:.2f} s" for t in first))


if __name__ == "__main__":
    main()
