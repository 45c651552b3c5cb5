"""Countries are found by any name a user types, and carry the words the news uses for them."""
import pytest

from parley.core.countries import CountryNotFound, find_country, plural_demonym


@pytest.mark.parametrize(("query", "code"), [
    ("Iraq", "IQ"), ("the United States", "US"), ("U.S.", "US"), ("usa", "US"), ("UK", "GB"), ("Britain", "GB"),
    ("DPRK", "KP"), ("ROK", "KR"), ("PRC", "CN"), ("UAE", "AE"), ("Türkiye", "TR"), ("Turkiye", "TR"),
    ("DR Congo", "CD"), ("DRC", "CD"), ("Kosovo", "XK"), ("Burma", "MM"), ("Czechia", "CZ"), ("Iraqi", "IQ"),
    ("IRQ", "IQ"), ("  côte d'ivoire ", "CI"), ("North Macedonia", "MK"), ("European Union", "EU"), ("Kremlin", "RU"),
    ("Taliban", "AF"), ("Somaliland", "XS"),
])
def test_find_country_by_name_abbreviation_demonym_or_code(query, code):
    assert find_country(query).code == code


@pytest.mark.parametrize(("query", "candidates"), [
    ("Korea", ["North Korea", "South Korea"]),
    ("Irak", ["Iraq", "Iran"]),
    ("Untied States", ["United States"]),
    ("Atlantis", []),
])
def test_unknown_or_ambiguous_names_list_close_matches(query, candidates):
    with pytest.raises(CountryNotFound) as caught:
        find_country(query)
    assert caught.value.candidates[:len(candidates) or None] == candidates
    assert str(caught.value).startswith(f"{query}: ")


@pytest.mark.parametrize(("demonym", "plural"), [
    ("Iraqi", "Iraqis"), ("American", "Americans"), ("Kosovar", "Kosovars"), ("Chinese", None), ("British", None),
    ("Dutch", None), ("Swiss", None),
])
def test_plural_demonym(demonym, plural):
    assert plural_demonym(demonym) == plural


@pytest.mark.parametrize(("query", "field", "words"), [
    ("United Kingdom", "people", ["Britons"]),
    ("United Kingdom", "seats", ["Downing Street"]),
    ("Russia", "seats", ["Kremlin"]),
    ("France", "seats", ["Elysee", "Élysée"]),
    ("United States", "names", ["US", "U.S."]),
    ("United States", "exclude", ["Washington Post"]),
    ("India", "bodies", ["Ministry of External Affairs"]),
    ("Sweden", "people", ["Swedes"]),
    ("Iraq", "capitals", ["Baghdad"]),
])
def test_countries_carry_the_words_for_their_governments(query, field, words):
    assert set(words) <= set(getattr(find_country(query), field))
