"""The words of a district slide, terse like the Fachplan's Neustadt slide.

- Names, not descriptions; lists flow as one paragraph and end in
  "und N weitere" when room runs out. Nothing is cut mid-word.
- Entries are chosen by one stated rule (:data:`SELECTION_RULE`): current
  entries first, then those the Fachplan names itself, then the most recent.
- Every figure says what it is and when it was valid ("Plätze in ÜWH/GU laut
  Fachplan (2019): 119 [1]"); the number points to the sources slide. Missing
  figures share one quiet "Keine Angabe" line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from atlas import texts
from atlas.access.disclosure import count_text
from atlas.export.slidelayout import BOXES, DETAIL_INDENT, Layout, Section
from atlas.export.slidetext import inner_width, line_count
from atlas.export.sourcelabels import SourceIndex
from atlas.nearby.search import current_offers
from atlas.numbers import format_change, format_date, format_decimal, format_int
from atlas.profile.build import AccommodationSummary, DistrictProfile, Entry, Figure, Site
from atlas.profile.figures import date_key

T = texts.EXPORT
REF_PT = 10.0  # font size at which the line budgets are counted
SELECTION_RULE = T["selection_rule"]


def plain(text: str) -> str:
    """Research shorthand from the data ("erschlossen") in plain words."""
    for word, replacement in T["plain_words"].items():
        text = text.replace(word, replacement)
    return text


def column_width() -> float:
    return inner_width(BOXES["column"].w)


def lines_needed(text: str, *, size: float = REF_PT) -> int:
    return line_count(text, column_width(), size)


# --- figures ---------------------------------------------------------------------
def figure_value(figure: Figure) -> str:
    value = (format_int(figure.value) if float(figure.value).is_integer()
             else format_decimal(figure.value))
    value += f" {figure.unit}" if figure.unit else ""
    if figure.change is not None and figure.previous_date:
        since = format_date(figure.previous_date, missing="")
        value += " (" + T["change"].format(change=format_change(figure.change), date=since) + ")"
    return value


def figure_line(figure: Figure, index: SourceIndex) -> str | None:
    """"Label laut Quelle (Datum): Wert [n]", or None where the value is unknown."""
    if figure.value is None:
        return None
    labels = index.labels
    if figure.source or figure.source_url:
        name = ("Fachplan" if labels.is_fachplan(figure.source, figure.source_url)
                else labels.name(figure.source, figure.source_url))
        what = T["figure_what"].format(label=figure.label, source=name)
    else:
        what = figure.label
    when = format_date(figure.date, missing="") or T["no_date"]
    number = index.number(figure.source, figure.source_url, figure.source_date or figure.date)
    ref = f" [{number}]" if number else ""
    return T["figure_dated"].format(what=what, date=when, value=figure_value(figure)) + ref


def register_line(acc: AccommodationSummary, day: dt.date) -> str | None:
    """The site register's counts on the deck's date (a public profile's own Stichtag),
    each kind named as such; public counts go through the small-number rule
    (``atlas.access.disclosure.count_text``: "weniger als 3", never a single site)."""
    n = acc.min_sites
    if acc.sites_total is None:
        return T["sites_few"].format(n=n)
    if not acc.sites_total:
        return None
    running = T["sites_running"].format(n=count_text(acc.sites_active, n))
    if acc.sites_active != 0 and acc.places_running is not None:
        running += " " + T["sites_running_places"].format(places=format_int(acc.places_running))
    parts = [running]
    for count, key in ((acc.sites_planned, "sites_planned"), (acc.sites_standby, "sites_standby"),
                       (acc.sites_unknown, "sites_unknown")):
        if count != 0:
            parts.append(T[key].format(n=count_text(count, n)))
    date = format_date(acc.day) if acc.day else format_date(day)
    line = T["sites_line"].format(date=date, counts=", ".join(parts))
    if acc.as_of and acc.as_of != acc.day:
        line += " · " + T["sites_as_of"].format(date=format_date(acc.as_of, missing=""))
    return line


def figure_section(profile: DistrictProfile, index: SourceIndex, day: dt.date,
                   layout: Layout) -> tuple[Section, list[str]]:
    """The dated figures, and the labels of the figures nobody knows."""
    figures = (profile.uewh_places, profile.gww_places, profile.persons_housed)
    lines = [line for f in figures if (line := figure_line(f, index))]
    register = register_line(profile.accommodation, day)
    if register:
        lines.append(register)
    missing = [f.label for f in figures if f.value is None]
    return Section(T["h_figures"], tuple(lines[: layout.figure_lines])), missing


def population_section(profile: DistrictProfile, index: SourceIndex) -> Section | None:
    """Residents with their date: context on every slide, even without Fachplan figures."""
    line = figure_line(profile.comparison.population, index)
    return Section(T["h_population"], (line,)) if line else None


# --- entries ---------------------------------------------------------------------
def rank_entries(entries: Iterable[Entry], profile: DistrictProfile, day: dt.date,
                 index: SourceIndex) -> list[Entry]:
    """The stated selection rule: current first, the Fachplan's own actors, then newest."""
    current = {r.id for r in current_offers(profile.records, day)}
    labels = index.labels

    def key(e: Entry) -> tuple:
        fachplan = labels.is_fachplan(e.source, e.source_url)
        return (e.resource_id not in current, not fachplan, _newest_first(e.date),
                e.name.casefold())
    return sorted(dict.fromkeys(entries), key=key)


def _newest_first(date: str | None) -> int:
    return -date_key(date).toordinal()  # unknown dates (date.min) last


def flowing_names(names: Sequence[str], max_lines: int) -> str:
    """Names joined by commas in at most ``max_lines`` column lines; the ones that do
    not fit are counted in "und N weitere" (whole names only)."""
    names = list(dict.fromkeys(plain(n.strip()) for n in names if n and n.strip()))
    for keep in range(len(names), -1, -1):
        rest = len(names) - keep
        text = ", ".join(names[:keep])
        if rest:
            more = T["more"].format(n=rest)
            text = f"{text} {more}" if text else more[0].upper() + more[1:]
        if lines_needed(text) <= max_lines or keep == 0:
            return text
    return ""


def item_lines(items: Sequence[Sequence[str]], max_lines: int) -> tuple[str, ...]:
    """Items of a name line and detail lines, whole items only, "und N weitere" at the end."""
    out: list[str] = []
    used = 0
    for i, item in enumerate(items):
        cost = sum(lines_needed(line) for line in item)
        reserve = 1 if i < len(items) - 1 else 0
        if used + cost + reserve > max_lines:
            out.append(T["more"].format(n=len(items) - i))
            break
        out += [item[0], *(DETAIL_INDENT + line for line in item[1:])]
        used += cost
    return tuple(out)


def visible(entries: Iterable[Entry], internal: bool) -> list[Entry]:
    return [e for e in entries if internal or not e.internal]


def site_item(site: Site) -> tuple[str, ...]:
    """An accommodation site (internal decks only): name, then address, places, dates."""
    places = (T["site_places"].format(places=format_int(site.capacity))
              if site.capacity is not None else None)
    span = "–".join(format_date(d, missing="") for d in (site.valid_from, site.valid_to) if d)
    detail = " · ".join(p for p in (site.address or texts.KEINE_ANGABE, places, span,
                                    texts.STATUS_LABELS.get(site.status, site.status)) if p)
    return (site.name, detail)


def office_item(entry: Entry) -> tuple[str, ...]:
    detail = " · ".join(p for p in (entry.address or texts.KEINE_ANGABE, entry.contact) if p)
    return (entry.name, detail)


def entry_sections(profile: DistrictProfile, index: SourceIndex, day: dt.date, *,
                   internal: bool, layout: Layout) -> tuple[list[Section], list[str]]:
    """MSA, Vorortbüro, projects and network sections, plus the empty headings."""
    s = profile.structures
    for e in [*s.msa, *s.vorortbueros, *s.network_nodes,
              *(e for g in profile.projects for e in g.entries)]:
        if internal or not e.internal:
            index.number(e.source, e.source_url, e.date)
    providers = {r.provider for r in s.msa_regions if r.provider}
    providers |= {p.replace(" (erschlossen)", "") for p in providers}
    msa = [plain(T["msa_region"].format(region=r.name, provider=r.provider or texts.KEINE_ANGABE))
           for r in s.msa_regions]
    msa_names = [e.name for e in rank_entries(visible(s.msa, internal), profile, day, index)
                 if e.provider not in providers or not msa]
    if msa_names:
        msa.append(flowing_names(msa_names, max(1, layout.msa_lines - len(msa))))
    offices = [office_item(e) for e in rank_entries(visible(s.vorortbueros, internal),
                                                    profile, day, index)]
    projects = rank_entries((e for g in profile.projects for e in visible(g.entries, internal)),
                            profile, day, index)
    nodes = rank_entries(visible(s.network_nodes, internal), profile, day, index)
    candidates = [
        (T["h_msa"], tuple(msa)),
        (T["h_vorortbuero"], item_lines(offices, layout.vorortbuero_lines)),
        (T["h_projects"], (flowing_names([e.name for e in projects], layout.project_lines),)
         if projects else ()),
        (T["h_network"], (flowing_names([e.name for e in nodes], layout.network_lines),)
         if nodes else ()),
    ]
    sections = [Section(h, lines) for h, lines in candidates if lines]
    empty = [h for h, lines in candidates if not lines]
    if internal and profile.sites:
        sites = [site_item(x) for x in profile.sites]
        sections.append(Section(T["h_sites"], item_lines(sites, layout.site_lines)))
    return sections, empty


def all_names_note(profile: DistrictProfile, internal: bool) -> list[str]:
    """Speaker notes: every entry in full, for questions from the floor."""
    s = profile.structures
    projects = [e for g in profile.projects for e in visible(g.entries, internal)]
    groups = [(T["h_msa"], visible(s.msa, internal)),
              (T["h_vorortbuero"], visible(s.vorortbueros, internal)),
              (T["h_projects"], projects),
              (T["h_network"], visible(s.network_nodes, internal))]
    out = [T["selection_rule"]]
    for heading, entries in groups:
        if entries:
            out.append(f"{heading}: " + "; ".join(
                " – ".join(p for p in (e.name, e.line) if p) for e in entries))
    return out
