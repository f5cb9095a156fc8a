"""Languages: German source catalogue, YAML overlays, fallback, a third language without code."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from atlas import i18n, texts
from atlas.i18n import LOCALES_DIR, locales_folder, untranslated, use

ROOT = Path(__file__).resolve().parent.parent

# A small test catalogue: Arabic, right to left, with only a few keys translated.
ARABIC = """\
_meta: {name: العربية, babel: ar, dir: rtl}
KEINE_ANGABE: غير مذكور
APP:
  title: أطلس الاندماج دريسدن
  nav_map: خريطة المدينة
MAP:
  title: خريطة المدينة
"""


@pytest.fixture
def test_catalogues(tmp_path: Path) -> Path:
    for source in LOCALES_DIR.glob("*.yaml"):
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), "utf-8")
    (tmp_path / "ar.yaml").write_text(ARABIC, encoding="utf-8")
    return tmp_path


def test_german_is_the_default_and_english_overlays_it() -> None:
    assert texts.MAP["title"] == "Stadtkarte"
    with use("en") as lang:
        assert lang.babel == "en_GB"
        assert texts.MAP["title"] == "City map"
        assert texts.KEINE_ANGABE == "not stated"
        assert texts.CATEGORY_LABELS.get("beratung") == "Counselling"
        assert dict(texts.MAP.items())["reset"] == "Reset filters"
    assert texts.MAP["title"] == "Stadtkarte"


def test_missing_keys_fall_back_to_german() -> None:
    with use("en"):
        assert texts.RESOURCES["cli_usage"].startswith("Aufruf:")  # not in en.yaml
        assert texts.MAP.german("title") == "Stadtkarte"


def test_unknown_language_is_german() -> None:
    with use("xx") as lang:
        assert lang.code == "de"
        assert texts.APP["title"] == "Integrationsatlas Dresden"


def test_sections_added_later_are_translated_too() -> None:
    """Other features add sections to texts.py: they answer in the page language unchanged."""
    texts.LATE_SECTION = {"hello": "Hallo"}
    try:
        assert texts.LATE_SECTION["hello"] == "Hallo"
        assert isinstance(texts.LATE_SECTION, i18n.Section)
    finally:
        del texts.LATE_SECTION


def test_a_third_language_needs_only_a_catalogue_file(test_catalogues: Path) -> None:
    with locales_folder(test_catalogues):
        codes = {lang.code: lang for lang in i18n.languages()}
        assert set(codes) == {"de", "en", "ar"}
        assert codes["ar"].direction == "rtl" and codes["ar"].name == "العربية"
        with use("ar"):
            assert texts.APP["title"] == "أطلس الاندماج دريسدن"
            assert texts.KEINE_ANGABE == "غير مذكور"
            assert texts.MAP["reset"] == "Filter zurücksetzen"  # untranslated: German


def test_a_third_language_shows_in_the_app(test_catalogues: Path, boundaries_env) -> None:
    with locales_folder(test_catalogues):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.query_params["lang"] = "ar"
        at.run()
        assert not at.exception
        assert at.title[0].value == "خريطة المدينة"
        switch = at.radio(key="atlas_lang_switch")
        assert switch.options == ["Deutsch", "العربية", "English"]  # German, then by code
        assert switch.value == "ar"
        switch.set_value("de").run()
        assert at.title[0].value == "Stadtkarte"
        assert "lang" not in at.query_params


#: Texts that stay German in every language, each group with its reason.
GERMAN_ONLY = {
    "EXPORT.h_population": "the deck is German: ui/export uses i18n.DEFAULT",
    **{f"EXPORT.{key}": "the council deck is German" for key in (
        "figure_what", "figure_dated", "sites_line", "sites_running", "sites_running_places",
        "sites_planned", "sites_standby", "sites_unknown", "sites_as_of", "missing",
        "plain_words", "legend_exact", "legend_approx", "selection_rule", "date_range",
        "appendix_title")},
    **{f"EXPORT.{key}": "python -m atlas.export speaks German, like every CLI" for key in (
        "cli_help", "cli_bezirk", "cli_stadt", "cli_intern", "cli_out", "cli_nothing",
        "cli_unknown", "cli_intern_logged", "cli_written")},
    "RESOURCES.cli_usage": "python -m atlas.resources speaks German",
    **{f"VALIDATION.col_{key}": "headers of the German error report for coordinators"
       for key in ("file", "row", "column", "reason", "content")},
}


def test_every_text_a_visitor_reads_has_an_english_translation() -> None:
    """Besides the listed German-only texts, en.yaml translates every key of the catalogue."""
    sections = {name: getattr(texts, name) for name in dir(texts)
                if name.isupper() and isinstance(getattr(texts, name), dict)}
    assert set(untranslated(sections, "en")) - set(GERMAN_ONLY) == set()


def _text_pairs():
    """(SECTION.key, German, English) for every flat text that en.yaml translates."""
    overlay = yaml.safe_load((LOCALES_DIR / "en.yaml").read_text(encoding="utf-8"))
    for name in dir(texts):
        section = getattr(texts, name)
        if not (name.isupper() and isinstance(section, dict)):
            continue
        pending = [(f"{name}.{key}", dict.get(section, key), english)
                   for key, english in (overlay.get(name) or {}).items()]
        while pending:  # nested sections (e.g. the freshness columns) are walked too
            key, german, english = pending.pop()
            if isinstance(german, dict) and isinstance(english, dict):
                pending += [(f"{key}.{k}", german.get(k), v) for k, v in english.items()]
            elif isinstance(german, str) and isinstance(english, str):
                yield key, german, english


#: What only an operator should read: commands, repository paths, source files.
OPERATOR_WORDS = re.compile(r"python -m|\bmake (run|test|setup|assets|boundaries|"
                            r"update-geodata|snapshot|bench)\b|resources/|\.py\b")


def test_a_translation_names_no_command_or_path_that_the_german_text_does_not() -> None:
    """German public texts were cleared of commands and paths; a stale translation must not
    bring them back (the English nearby page once told visitors to run a fetch command)."""
    stale = [key for key, german, english in _text_pairs()
             if OPERATOR_WORDS.search(english) and not OPERATOR_WORDS.search(german)]
    assert stale == []


def test_a_translation_uses_only_placeholders_of_the_german_text() -> None:
    """The code fills what German asks for; English may leave one out (German grammar such as
    {city_genitive}) but never ask for more. A stale translation once kept an old {text}."""
    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}

    extra = [key for key, german, english in _text_pairs() if fields(english) - fields(german)]
    assert extra == []


def test_english_page_keeps_data_texts_and_formats_numbers_the_english_way(boundaries_env):
    """UI texts in English, dates by babel's en_GB, data (names, notes) as they are."""
    with use("en"):  # AppTest formats select options outside the script run too
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.query_params["lang"] = "en"
        at.run()
        at.switch_page("pages/bezirk.py").run()
        assert not at.exception
        assert at.query_params["lang"] == "en"
        labels = [m.label for m in at.metric]
        assert "People accommodated" in labels
        captions = " ".join(c.value for c in at.caption)
        assert "As of: 31 Mar 2019" in captions  # 31.03.2019 in German
        assert "nur die fünf in der Quelle genannten Stadtbezirke" in captions  # data note
    with use("de"):
        german = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        german.run()
        german.switch_page("pages/bezirk.py").run()
        assert "Stand: 31.03.2019" in " ".join(c.value for c in german.caption)


def test_a_broken_catalogue_is_skipped_and_german_still_works(tmp_path: Path) -> None:
    (tmp_path / "xx.yaml").write_text("APP: [unclosed", encoding="utf-8")
    (tmp_path / "yy.yaml").write_text("- a list\n", encoding="utf-8")
    with locales_folder(tmp_path), pytest.warns(UserWarning, match="Sprachdatei"):
        assert [lang.code for lang in i18n.languages()] == ["de"]
    with locales_folder(tmp_path), use("xx"):
        assert texts.APP["title"] == "Integrationsatlas Dresden"
