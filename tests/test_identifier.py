"""The language identifier's walk of a whole sample at once counts exactly what py3langid's own walk counts."""
import random

import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier, visit_counts

from parley.corpus import identifier as walked

OWN = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
OURS = walked.identifier()

SAMPLES = [  # invented sentences in several scripts, short and odd inputs
    "The delegation said on Thursday that it would return to the table once the ceasefire held.",
    "El portavoz del gobierno dijo que la reunión se aplazaría hasta el mes que viene.",
    "Die Regierung wies die Vorwürfe am Mittwoch entschieden zurück und forderte Beweise.",
    "Le ministre a déclaré que les négociations reprendraient dès que possible à Genève.",
    "Министр заявил, что переговоры продолжатся на следующей неделе в столице.",
    "外務省は来週、首都で協議を再開すると発表した。",
    "قال المتحدث إن المحادثات ستستأنف الأسبوع المقبل في العاصمة.",
    "Talks resume Monday. Las conversaciones se reanudan el lunes. Die Gespräche beginnen wieder.",
    "a", "ab", "abc de", "   ", "!!!", "12 345 6789", "x" * 40, "ALL CAPS HEADLINE ABOUT TALKS",
    "e\u0301 combining accents, \u00a0non-breaking spaces and \u2014 dashes",
]


def _random_samples(n=200, seed=7):
    rnd = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz ÄÖÜäöüßéèçñ漢字日本語Русскийالعربيةहिन्दी\n\t.,;!?“”\"'0123456789"
    texts = ["".join(rnd.choice(letters) for _ in range(rnd.randint(0, 300))) for _ in range(n)]
    return texts + [bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 200))) for _ in range(n // 4)]


@pytest.mark.parametrize("text", SAMPLES + _random_samples())
def test_walk_counts_and_decides_as_py3langid(text):
    data = OWN._encode(text)
    own = visit_counts(OWN.tk_nextmove, OWN._rowbase, OWN.tk_output, data)
    ours = walked._visits(OURS, data)
    assert (None if not own else list(own.items())) == (None if not ours else list(ours.items()))
    assert OURS.classify(text) == OWN.classify(text)


def test_samples_have_features_and_several_languages():
    # A comparison of samples without features, or all in one language, would pass whatever the walk did.
    assert all(walked._visits(OURS, OWN._encode(text)) for text in SAMPLES[:8])
    assert len({OWN.classify(text)[0] for text in SAMPLES[:8]}) >= 6


def test_a_walk_the_check_refuses_is_left_to_py3langid(monkeypatch):
    monkeypatch.setattr(walked, "_DEPTH", 1)  # too short a window: states lose what came before
    text = SAMPLES[0]
    assert walked._visits(OURS, OWN._encode(text)) is None
    assert OURS.classify(text) == OWN.classify(text)


@pytest.mark.parametrize(("installed", "kind"), [
    (lambda name: walked.PINNED, walked._Identifier),
    (lambda name: "0.3.0", LanguageIdentifier),
])
def test_the_walk_applies_only_to_the_pinned_version(installed, kind):
    assert type(walked.identifier(installed)) is kind
