"""The catalogues stay complete and tidy: same keys in both, every used key exists, none unused."""

import re
from pathlib import Path

import pytest

from escalation.problems import MESSAGES
from models import vocabulary
from models.refusals import RefusedError
from ui.i18n import LANGUAGES, catalogue, translate

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [*ROOT.glob("app.py"), *ROOT.glob("pages/*.py"), *ROOT.glob("ui/**/*.py")]
LITERAL_KEY = re.compile(r"""["']([a-z_]+\.[a-z_.]+)["']""")  # any quoted dotted literal
PREFIX_USE = re.compile(r"""\blabel\(\s*["']([a-z_]+)["']""")
FSTRING_KEY = re.compile(r"""\bt\(\s*f["']([a-z_]+\.[a-z_]*)\{""")
# Keys built from enum values: prefix -> the enum whose values complete them.
ENUM_PREFIXES = {
    "level": vocabulary.ForumLevel,
    "kind": vocabulary.ForumKind,
    "tier": vocabulary.Tier,
    "cadence": vocabulary.Cadence,
    "role": vocabulary.MembershipRole,
    "organisation_kind": vocabulary.OrganisationKind,
}


def refusal_kinds() -> list[type[RefusedError]]:
    """Every capability's refusal: its codes are the keys of its catalogue section."""
    import services.accounts.accessibility_reports
    import services.accounts.users
    import services.effects.errors
    import services.issues.errors
    import services.meetings.errors
    import services.uploads  # noqa: F401

    return [RefusedError, *RefusedError.__subclasses__()]


def test_every_refusal_section_is_in_the_catalogue():
    sections = {k.split(".")[0] for k in catalogue("sv")}
    assert {kind.section for kind in refusal_kinds()} - sections == set()


def source_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in SOURCES)


def test_english_has_exactly_the_swedish_keys():
    assert set(catalogue("en")) == set(catalogue("sv"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_text_is_empty(lang):
    assert [k for k, v in catalogue(lang).items() if not v.strip()] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_match_between_languages(lang):
    def fields(text: str) -> set[str]:
        return set(re.findall(r"\{(\w+)\}", text))

    sv = catalogue("sv")
    assert {k for k, v in catalogue(lang).items() if fields(v) != fields(sv[k])} == set()


def test_every_literal_key_used_in_the_code_exists():
    sections = {k.split(".")[0] for k in catalogue("sv")}
    used = {k for k in LITERAL_KEY.findall(source_text()) if k.split(".")[0] in sections}
    keys = set(catalogue("sv")) | {k[:-4] for k in catalogue("sv") if k.endswith(".one")}
    assert used - keys == set()


@pytest.mark.parametrize(("prefix", "enum"), ENUM_PREFIXES.items())
def test_every_enum_value_has_a_label(prefix, enum):
    assert {f"{prefix}.{v.value}" for v in enum} - set(catalogue("sv")) == set()


def test_every_problem_code_has_a_translation():
    assert {f"problem.{code}" for code in MESSAGES} - set(catalogue("sv")) == set()


def test_no_key_is_unused():
    text = source_text()
    used = set(LITERAL_KEY.findall(text))
    dynamic_prefixes = set(FSTRING_KEY.findall(text)) | {
        "problem.",
        "export.col_",
        "audit.thing_",
        "audit_field.",
    }
    dynamic_prefixes |= {f"{p}." for p in PREFIX_USE.findall(text)}
    dynamic_prefixes |= {f"{p}." for p in ENUM_PREFIXES}
    dynamic_prefixes |= {f"{kind.section}." for kind in refusal_kinds()}
    plural = re.compile(r"\.(one|other)$")
    unused = {
        k
        for k in catalogue("sv")
        if k not in used
        and plural.sub("", k) not in used
        and not any(k.startswith(p) for p in dynamic_prefixes)
    }
    assert unused == set()


def test_a_missing_key_falls_back_to_swedish_then_to_the_key():
    assert translate("en", "nav.start") == "Start"
    assert translate("en", "no.such.key") == "no.such.key"
    assert translate("sv", "structure.shown", shown=3, total=9) == "Visar 3 av 9 forum."


@pytest.mark.parametrize("lang", LANGUAGES)
def test_problem_translations_use_only_the_parameters_the_engine_gives(lang):
    def fields(text: str) -> set[str]:
        return set(re.findall(r"\{(\w+)(?:!r)?\}", text))

    wrong = {
        code
        for code, template in MESSAGES.items()
        if not fields(catalogue(lang)[f"problem.{code}"]) <= fields(template)
    }
    assert wrong == set()


def test_the_place_a_structure_problem_names_is_said_in_words_with_names():
    from ui.refusals import place_words

    names = {"vm-fm-kommitte": "Försäkringsmedicinsk kommitté", "fk": "Försäkringskassan"}

    def name(_param: str, key: str) -> str:
        return f"”{names.get(key, key)}”"

    def words(key: str, **params: object) -> str:
        return translate("sv", key, **params)

    assert (
        place_words("forum 'vm-fm-kommitte'", name, words)
        == "forumet ”Försäkringsmedicinsk kommitté”"
    )
    assert (
        place_words("the escalation from 'vm-fm-kommitte' to 'fk'", name, words)
        == "eskaleringen från ”Försäkringsmedicinsk kommitté” till ”Försäkringskassan”"
    )
    assert place_words("organisation #3", name, words) == "organisation nummer 3 i filen"
    assert place_words("somewhere else", name, words) == "somewhere else"


def test_a_count_picks_the_singular_or_the_plural():
    assert translate("sv", "meetings.planned", count=1) == "1 möte planerat."
    assert translate("sv", "meetings.planned", count=3) == "3 möten planerade."
    assert translate("en", "meetings.planned", count=1) == "1 meeting planned."


def test_every_text_with_a_count_has_both_forms_or_none():
    for lang in LANGUAGES:
        keys = set(catalogue(lang))
        assert {k for k in keys if k.endswith(".one") and k[:-4] + ".other" not in keys} == set()


@pytest.mark.parametrize(
    ("lang", "count", "text"),
    [
        ("sv", 1, "1 möte planerat."),
        ("sv", 2, "2 möten planerade."),
        ("sv", 0, "0 möten planerade."),
        ("sv", 100000, "100\u00a0000 möten planerade."),
        ("en", 1, "1 meeting planned."),
        ("en", 21, "21 meetings planned."),
    ],
)
def test_the_plural_form_and_the_grouping_come_from_babel(lang, count, text):
    assert translate(lang, "meetings.planned", count=count) == text


def test_a_number_that_names_something_is_not_grouped():
    assert translate("sv", "effects.quarter", year=2026, quarter=4) == "2026 K4"
    assert "12345" in translate("sv", "meeting.not_found", id=12345)


DATE_FORMAT = re.compile(r"%Y-%m-%d|%H[.:]%M|%d %B|strftime\(")


def test_dates_and_times_are_written_through_one_module():
    """Pages, widgets and documents say a date the reader's way through models.formats (Babel,
    Stockholm's time); a hand-written strftime pattern would show UTC or the English way.
    A file name's date (a download's stem) and a stored value are the exceptions."""
    stored = {ROOT / "exports/cells.py", ROOT / "services/meetings/meetings.py"}  # CSV, history
    sources = [*SOURCES, *ROOT.glob("exports/*.py"), *ROOT.glob("services/**/*.py")]
    sources = [path for path in sources if path not in stored]
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sources
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if DATE_FORMAT.search(line) and "stem" not in line and "# d3" not in line
    ]
    assert found == []
