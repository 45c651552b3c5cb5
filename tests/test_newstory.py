"""`python -m parley init` writes a parties file for two countries, as a user runs it."""
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import parley
from parley.run.newstory import init_parties, story_dates


def _init(tmp_path, *args):
    """Run ``python -m parley init`` in a fresh folder; return (exit code, stdout + stderr)."""
    env = {**os.environ, "PYTHONPATH": str(Path(parley.__file__).parents[1])}
    done = subprocess.run([sys.executable, "-m", "parley", "init", *args], capture_output=True, text=True, env=env,
                          cwd=tmp_path, check=False)
    return done.returncode, done.stdout + done.stderr


# Ten pairs of countries on a day: aliases each party must have, and names it must not (holders out of office).
PAIRS = [
    (("Iraq", "United States"), "2024-06-01",
     {"Iraq": ["Iraqis", "Baghdad", "Mohammed Shia al-Sudani", "Sudani", "Fuad Hussein"],
      "United States": ["US", "U.S.", "USA", "Americans", "White House", "Pentagon", "Joe Biden", "Biden",
                        "Antony Blinken", "Lloyd Austin", "Karine Jean-Pierre"]},
     {"United States": ["Donald Trump", "Marco Rubio"], "Iraq": ["Hussein"]}),
    (("United Kingdom", "France"), "2023-03-01",
     {"United Kingdom": ["UK", "U.K.", "Britain", "Britons", "London", "Downing Street", "Rishi Sunak",
                         "James Cleverly", "Ben Wallace"],
      "France": ["French", "Paris", "Elysee", "Élysée", "Emmanuel Macron", "Catherine Colonna", "Élisabeth Borne",
                 "Elisabeth Borne"]},
     {"United Kingdom": ["Boris Johnson", "Keir Starmer"], "France": ["Gabriel Attal"]}),
    (("DPRK", "South Korea"), "2023-06-01",
     {"DPRK": ["North Korea", "DPRK", "North Koreans", "Pyongyang", "Kim Jong Un", "Choe Son-hui"],
      "South Korea": ["ROK", "Republic of Korea", "South Koreans", "Seoul", "Yoon Suk Yeol", "Park Jin"]},
     {"South Korea": ["Moon Jae-in", "Lee Jae-myung"]}),
    (("China", "Taiwan"), "2024-08-01",
     {"China": ["PRC", "Chinese", "Beijing", "Xi Jinping", "Xi", "Li Qiang", "Wang Yi", "Lin Jian", "Mao Ning"],
      "Taiwan": ["Taiwanese", "Taipei", "Lai Ching-te", "William Lai", "Lin Chia-lung"]},
     {"China": ["Qin Gang", "Li Keqiang"], "Taiwan": ["Tsai Ing-wen"]}),
    (("UAE", "Saudi Arabia"), "2023-05-01",
     {"UAE": ["United Arab Emirates", "UAE", "Emiratis", "Abu Dhabi", "Mohamed bin Zayed", "Abdullah bin Zayed"],
      "Saudi Arabia": ["Saudi", "Saudis", "Riyadh", "Mohammed bin Salman", "MBS", "Faisal bin Farhan",
                       "Khalid bin Salman"]},
     {"UAE": ["Khalifa bin Zayed"]}),
    (("Russia", "Ukraine"), "2022-09-01",
     {"Russia": ["Russians", "Moscow", "Kremlin", "Vladimir Putin", "Sergei Lavrov", "Lavrov", "Dmitry Peskov",
                 "Maria Zakharova", "Sergei Shoigu"],
      "Ukraine": ["Ukrainians", "Kyiv", "Kiev", "Volodymyr Zelensky", "Zelenskyy", "Dmytro Kuleba",
                  "Oleksii Reznikov"]},
     {"Russia": ["Andrei Belousov"], "Ukraine": ["Andrii Sybiha", "Petro Poroshenko"]}),
    (("Türkiye", "Sweden"), "2023-01-15",
     {"Türkiye": ["Turkey", "Turkiye", "Turkish", "Turks", "Ankara", "Recep Tayyip Erdoğan", "Erdogan",
                  "Mevlüt Çavuşoğlu", "Cavusoglu", "Hulusi Akar"],
      "Sweden": ["Swedish", "Swedes", "Stockholm", "Ulf Kristersson", "Tobias Billström", "Billstrom", "Pål Jonson"]},
     {"Türkiye": ["Hakan Fidan"], "Sweden": ["Magdalena Andersson"]}),
    (("India", "Pakistan"), "2019-03-01",
     {"India": ["Indians", "New Delhi", "Ministry of External Affairs", "Narendra Modi", "Modi", "Sushma Swaraj",
                "Raveesh Kumar", "Nirmala Sitharaman"],
      "Pakistan": ["Pakistanis", "Islamabad", "ISPR", "Imran Khan", "Shah Mahmood Qureshi", "Qamar Javed Bajwa"]},
     {"India": ["S. Jaishankar"], "Pakistan": ["Shehbaz Sharif", "Sharif"]}),
    (("Israel", "Iran"), "2025-06-15",
     {"Israel": ["Israelis", "IDF", "Benjamin Netanyahu", "Netanyahu", "Israel Katz", "Gideon Saar", "Gideon Sa’ar",
                 "Eyal Zamir",
                 "Effie Defrin"],
      "Iran": ["Iranians", "Tehran", "IRGC", "Supreme Leader", "Ali Khamenei", "Khamenei", "Masoud Pezeshkian",
               "Abbas Araghchi", "Araqchi", "Esmaeil Baghaei"]},
     {"Israel": ["Yoav Gallant", "Yair Lapid"], "Iran": ["Ebrahim Raisi", "Hossein Amir-Abdollahian"]}),
    (("Kosovo", "Serbia"), "2023-09-30",
     {"Kosovo": ["Kosovars", "Pristina", "Prishtina", "Albin Kurti", "Kurti", "Vjosa Osmani"],
      "Serbia": ["Serbians", "Belgrade", "Aleksandar Vučić", "Vucic", "Ana Brnabić", "Brnabic", "Ivica Dačić"]},
     {"Serbia": ["Đuro Macut", "Marko Đurić"]}),
]


@pytest.mark.parametrize(("names", "day", "has", "lacks"), PAIRS, ids=[" - ".join(p[0]) for p in PAIRS])
def test_init_writes_names_demonyms_seats_and_the_holders_of_the_day(tmp_path, names, day, has, lacks):
    code, output = _init(tmp_path, *names, "--dates", day, day, "--out", "parties.toml")
    assert code == 0, output
    parties = parley.load_parties(tmp_path / "parties.toml")
    assert list(parties) == list(names)  # each party is named as the user wrote it
    for party, aliases in has.items():
        missing = [a for a in aliases if a not in parties[party]["aliases"]]
        assert not missing, f"{party} lacks {missing}"
    for party, aliases in lacks.items():
        present = [a for a in aliases if a in parties[party]["aliases"]]
        assert not present, f"{party} has {present}, out of office on {day}"


@pytest.mark.parametrize(("names", "message"), [
    (["Korea", "Japan"], "Korea: did you mean North Korea or South Korea?"),
    (["Congo", "Rwanda"], "Congo: did you mean Democratic Republic of the Congo or Republic of the Congo?"),
    (["Untied States", "Iraq"], "Untied States: not a country name parley knows; did you mean United States?"),
    (["Atlantis", "France"], "Atlantis: not a country name parley knows"),
    (["Iraq"], "name at least two countries"),
    (["United States", "U.S."], "'United States' and 'U.S.' are the same country"),
])
def test_unknown_or_ambiguous_names_fail_with_one_message_and_exit_2(tmp_path, names, message):
    code, output = _init(tmp_path, *names, "--out", "parties.toml")
    assert code == 2
    assert message in output
    assert "Traceback" not in output
    assert not (tmp_path / "parties.toml").exists()


def test_init_does_not_overwrite_a_parties_file_without_force(tmp_path):
    (tmp_path / "parties.toml").write_text("# edited by hand\n", encoding="utf-8")
    code, output = _init(tmp_path, "Iraq", "United States", "--out", "parties.toml")
    assert code == 2 and "exists" in output and "--force" in output
    assert (tmp_path / "parties.toml").read_text(encoding="utf-8") == "# edited by hand\n"
    code, output = _init(tmp_path, "Iraq", "United States", "--out", "parties.toml", "--force")
    assert code == 0, output
    assert "Iraq" in parley.load_parties(tmp_path / "parties.toml")


def test_init_prints_a_commented_file_without_out(tmp_path):
    code, output = _init(tmp_path, "Iraq", "United States", "--dates", "2024-01-25", "2024-01-25")
    assert code == 0
    assert output.startswith("# Parties for a story about Iraq, United States")
    assert "# office-holders" in output and "Prime Minister 2022-10-27 to now" in output
    assert tomllib.loads(output)["parties"]["Iraq"]["aliases"][0] == "Iraq"


def test_an_alias_two_parties_share_is_left_out_of_both():
    text = init_parties(["United Kingdom", "Pakistan"], dates=("2024-06-01", "2024-06-01"))
    parties = tomllib.loads(text)["parties"]
    assert "Foreign Office" not in parties["United Kingdom"]["aliases"]
    assert "Foreign Office" not in parties["Pakistan"]["aliases"]
    assert "Left out because they name more than one of these parties: foreign office." in text


def test_holders_come_from_the_articles_dates(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for n, day in enumerate(["2021-05-03", "2021-05-20"]):
        (folder / f"a{n}.txt").write_text(f"Officials spoke on day {n} of the talks.\n", encoding="utf-8")
        (folder / f"a{n}.meta.toml").write_text(f"published = {day}\n", encoding="utf-8")
    code, output = _init(tmp_path, "Israel", "Palestine", "--articles", str(folder), "--out", "parties.toml")
    assert code == 0, output
    israel = parley.load_parties(tmp_path / "parties.toml")["Israel"]["aliases"]
    assert "Gabi Ashkenazi" in israel and "Benny Gantz" in israel
    assert "Yair Lapid" not in israel and "Israel Katz" not in israel
    words = " ".join((tmp_path / "parties.toml").read_text(encoding="utf-8").replace("#", " ").split())
    assert "in office between 2021-05-03 and 2021-05-20 (the 2 dated articles)" in words


@pytest.mark.parametrize(("text", "speaker", "party"), [
    ("Netanyahu said on Sunday that the strikes would continue.", "Netanyahu", "Israel"),
    ("Araghchi told reporters that talks were possible.", "Araghchi", "Iran"),
    ("The IDF said it had struck a launcher.", "The IDF", "Israel"),
    ("Iranian officials said the deadline had passed.", "Iranian officials", "Iran"),
])
def test_a_file_from_init_gives_leaders_named_alone_their_government(text, speaker, party):
    parties = tomllib.loads(init_parties(["Israel", "Iran"], dates=("2025-06-15", "2025-06-15")))
    statements = parley.analyze_text(text, parties=parties).statements
    assert [text[s:e] for s, e in zip(statements.speaker_start, statements.speaker_end)] == [speaker]
    assert list(statements["party"]) == [party]


def test_story_dates_default_to_the_years_before_the_snapshot():
    start, end, why = story_dates()
    assert start.year == 2022 and end.year >= 2025 and "no article dates given" in why
