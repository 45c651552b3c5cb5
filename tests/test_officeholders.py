"""The office-holders table: terms by date, the short forms of names, and its refresh from Wikidata."""
import datetime as dt
import shutil

import pytest

from parley import config
from parley.core.officeholders import OFFICES, holders, load_officeholders, refresh_officeholders, short_names


def test_the_table_is_well_formed():
    table = load_officeholders()
    assert set(table["office"]) <= set(OFFICES)
    assert table["country"].nunique() >= 60
    ended = table[table["end"].notna()]
    assert (ended["end"] >= ended["start"]).all()
    assert set(table["source"]) <= {"hand"} | {s for s in table["source"] if s.startswith("wikidata")}


@pytest.mark.parametrize(("country", "day", "office", "name"), [
    ("US", "2024-06-01", "foreign_minister", "Antony Blinken"),
    ("US", "2025-06-01", "foreign_minister", "Marco Rubio"),
    ("GB", "2022-10-01", "head_of_government", "Liz Truss"),
    ("IL", "2024-06-01", "defence_minister", "Yoav Gallant"),
    ("JP", "2023-08-24", "spokesperson", "Hirokazu Matsuno"),
    ("AF", "2024-01-01", "government", "Taliban"),
])
def test_holders_on_a_day(country, day, office, name):
    on = dt.date.fromisoformat(day)
    rows = holders(load_officeholders(), country, start=on, end=on)
    assert name in set(rows[rows["office"] == office]["name"])


@pytest.mark.parametrize(("name", "also", "expected"), [
    ("Benjamin Netanyahu", (), ("Benjamin Netanyahu", "Netanyahu")),
    ("Mohammed Shia al-Sudani", ("al-Sudani",), ("Mohammed Shia al-Sudani", "al-Sudani", "Sudani")),
    ("Xi Jinping", ("Xi",), ("Xi Jinping", "Xi")),
    ("Theresa May", ("-",), ("Theresa May",)),
    ("Aleksandar Vučić", ("Vučić",), ("Aleksandar Vučić", "Vučić", "Aleksandar Vucic", "Vucic")),
    ("Binali Yıldırım", (), ("Binali Yıldırım", "Yıldırım", "Binali Yildirim", "Yildirim")),
])
def test_short_names(name, also, expected):
    assert short_names(name, also) == expected


def test_refresh_replaces_the_offices_wikidata_answers_and_keeps_the_others(tmp_path):
    path = tmp_path / "officeholders.csv"
    shutil.copy(config.LEXICONS / "officeholders.csv", path)

    def fetch(query):  # what the endpoint answers, for one country
        if "P1906" not in query:
            return {"results": {"bindings": []}}
        row = {"iso": {"value": "IQ"}, "office": {"value": "head_of_government"},
               "personLabel": {"value": "Mohammed Shia al-Sudani"}, "start": {"value": "2022-10-27T00:00:00Z"}}
        return {"results": {"bindings": [row]}}

    refresh_officeholders(path, fetch=fetch)
    text = path.read_text(encoding="utf-8")
    iraq = [line for line in text.splitlines() if line.startswith("IQ,head_of_government")]
    assert len(iraq) == 1 and "al-Sudani|Sudani" in iraq[0] and ",wikidata " in iraq[0]
    assert "IQ,foreign_minister,Foreign Minister,Fuad Hussein,-,2020-06-06,,hand" in text
