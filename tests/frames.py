"""Hand-made frames shared by the condition, phrasing and term tests."""
from pathlib import Path

import pandas as pd

from parley.extract.statements import STATEMENT_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "articles" / "000_ed59ce91eebbf266.txt"
TEXT = SEED.read_text(encoding="utf-8")

#: The seed's expected statements (common brief): party and content.
SEED_STATEMENTS = [
    ("Iraq", "US, Iraq to discuss timeline to reduce coalition troops"),
    ("United States", "meetings ‘in the coming days’ to discuss the ‘transition’ of the coalition"),
    ("Iraq", "The two countries agreed to form working groups that would eventually lead to formulating "
             "“a specific and clear timeline ... and to begin the gradual reduction of its [the coalition’s] "
             "advisers on Iraqi soil”"),
    ("Iraq", "the timeline would be contingent on evaluating the “threat posed by IS and its danger” as well "
             "as the “reinforcement of the capacities of the Iraqi security forces”"),
    ("United States", "meetings “in the coming days” to discuss the “transition” of the coalition based on the "
                      "outcomes of the Joint Security Cooperation Dialogue held between the two countries in August"),
    ("United States", "The meetings would “determine how the Coalition’s military mission will evolve on a "
                      "timeline” based on factors including the threat posed by Islamic State, “operational and "
                      "environmental requirements” and the capability levels of Iraq’s security forces"),
]


def seed_statements() -> pd.DataFrame:
    """Build the seed's statements frame by hand, content offsets found in the article text."""
    rows = []
    for n, (party, content) in enumerate(SEED_STATEMENTS, 1):
        start = TEXT.index(content)
        rows.append(dict.fromkeys(STATEMENT_COLUMNS) | {
            "statement_id": f"st{n}", "article_id": "seed", "sentence_id": f"seed:{n}", "party": party,
            "content": content, "content_start": start, "content_end": start + len(content)})
    return pd.DataFrame(rows, columns=STATEMENT_COLUMNS)


def one(sentence: str, start: int = 0) -> pd.DataFrame:
    """Return a one-statement frame whose content is the sentence."""
    return pd.DataFrame([dict.fromkeys(STATEMENT_COLUMNS) | {
        "statement_id": "s1", "article_id": "a", "sentence_id": "a:0", "party": "P",
        "content": sentence, "content_start": start, "content_end": start + len(sentence)}],
        columns=STATEMENT_COLUMNS)
