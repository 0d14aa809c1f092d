"""The snippet classifier: shipped model, parity with scikit-learn, codebook rules, accuracy floors."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from frontwatch.extract.snippet_rules import apply_rules
from frontwatch.extract.snippets import (
    MODEL_PATH,
    SnippetClassifier,
    char_ngrams,
    data_digest,
    export_arrays,
    read_snippets,
    score_predictions,
    train_pipeline,
)
from frontwatch.taxonomy import EVENT_TYPE_OF, SUB_TYPES

EXTERNAL = Path(__file__).parent / "fixtures" / "snippets_external.jsonl"
# Floors = the values measured when the model was shipped, rounded down to 2 decimals.
EXTERNAL_ACCURACY_FLOOR = 0.85  # measured 0.85 on 100 hand-labelled real sentences
HELDOUT = Path(__file__).parent / "fixtures" / "snippets_heldout.jsonl"
HELDOUT_ACCURACY_FLOOR = 0.98  # measured 0.984 on 250 snippets written apart (see its header)
BLIND = Path(__file__).parent / "fixtures" / "snippets_blind.jsonl"
BLIND_ACCURACY_FLOOR = 0.95  # measured 0.956, its misses unread (see its header)
WIRE = Path(__file__).parent / "fixtures" / "snippets_wire.jsonl"
WIRE_ACCURACY_FLOOR = 0.95  # measured 0.950 on 400 wire-style snippets, misses unread
# 5-fold stratified CV, seed 0, folds over the first 2,171 snippets (the files below), as
# when this floor was pinned; the later files join every training fold
CV_WEIGHTED_F1_FLOOR = 0.96  # measured 0.968 (0.955 before the later files)
FIRST_FILES = frozenset(
    {
        "battles.jsonl",
        "boundary_pairs.jsonl",
        "explosions.jsonl",
        "multi_sentence.jsonl",
        "protests_riots.jsonl",
        "real_wording.jsonl",
        "strategic.jsonl",
        "violence_against_civilians.jsonl",
    }
)
# the same CV with folds over all 3,371 snippets, the harder later files included
CV_ALL_WEIGHTED_F1_FLOOR = 0.93  # measured 0.937


@pytest.fixture(scope="module")
def classifier() -> SnippetClassifier:
    return SnippetClassifier().load()


@pytest.fixture(scope="module")
def snippets():
    return read_snippets()


@pytest.fixture(scope="module")
def trained(snippets):
    pytest.importorskip("sklearn")
    return train_pipeline(snippets)


def external_set() -> list[dict]:
    records = [json.loads(line) for line in EXTERNAL.read_text(encoding="utf-8").splitlines()]
    return [r for r in records if "text" in r]  # the first record is the attribution header


# --- the shipped model ---------------------------------------------------------------------


def test_model_file_loads_without_pickle():
    with np.load(MODEL_PATH, allow_pickle=False) as archive:
        dtypes = {name: archive[name].dtype for name in archive.files}
    assert dtypes, "empty model file"
    assert all(dtype.kind != "O" for dtype in dtypes.values()), dtypes
    assert dtypes["coef"] == np.float32
    assert MODEL_PATH.stat().st_size < 5 * 1024 * 1024


def test_constructor_does_not_load(tmp_path):
    missing = SnippetClassifier(tmp_path / "no-such-model.npz")  # must not touch the disk
    with pytest.raises(RuntimeError):
        missing.classify("Rebels shelled the town.")
    with pytest.raises(FileNotFoundError):
        missing.load()


def test_shipped_model_covers_the_25_sub_types(classifier):
    assert sorted(classifier.classes) == sorted(SUB_TYPES)


def test_shipped_model_was_trained_on_the_shipped_snippets(snippets):
    with np.load(MODEL_PATH, allow_pickle=False) as archive:
        meta = json.loads(str(archive["meta"]))
    assert meta["data"] == data_digest(snippets), "snippets changed: run make train"


def test_training_data_has_48_per_sub_type(snippets):
    counts = {s: 0 for s in SUB_TYPES}
    for snippet in snippets:
        counts[snippet.sub_event_type] += 1
    assert min(counts.values()) >= 48, counts
    assert len({s.text for s in snippets}) == len(snippets), "duplicate snippets"


# --- inference reproduces scikit-learn -----------------------------------------------------


def test_numpy_inference_equals_sklearn_predict_proba(trained, snippets, tmp_path):
    path = tmp_path / "model.npz"
    np.savez_compressed(path, **export_arrays(trained))
    ours = SnippetClassifier(path, rules=False).load()
    texts = [s.text for s in snippets]
    expected = trained.predict_proba(texts)
    order = [list(trained.classes_).index(c) for c in ours.classes]
    got = np.array([ours.probabilities(t) for t in texts])
    assert np.abs(got - expected[:, order]).max() < 1e-4


def test_training_is_reproducible(trained, tmp_path):
    arrays = export_arrays(trained)
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    np.savez_compressed(first, **arrays)
    np.savez_compressed(second, **arrays)
    assert first.read_bytes() == second.read_bytes()
    with np.load(MODEL_PATH, allow_pickle=False) as shipped:
        assert np.array_equal(shipped["char_vocabulary"], arrays["char_vocabulary"])
        assert np.array_equal(shipped["word_vocabulary"], arrays["word_vocabulary"])
        assert np.allclose(shipped["coef"], arrays["coef"], atol=1e-3)


@pytest.mark.parametrize(
    "text",
    ["Rebels", "a bb ccc dddd eeeeee", "Syria's army, 12 killed.", "x", "  two  spaces "],
)
def test_char_ngrams_equal_sklearn_char_wb(text):
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    analyzer = sklearn_text.TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).build_analyzer()
    normalised = text.lower().replace("12", "0")  # what our normalise() does to these texts
    assert char_ngrams(text) == analyzer(normalised)


# --- outputs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Lorem ipsum dolor sit amet.",
        "قتل خمسة مدنيين في قصف على مدينة حلب",
        "12 34 56",
        "The weather in Nairobi was sunny on Tuesday. " * 40,
        "Gunmen attacked the village at dawn.",
    ],
)
def test_every_output_is_one_of_the_25_sub_types(classifier, text):
    result = classifier.classify(text)
    assert result.sub_event_type in SUB_TYPES
    assert result.event_type == EVENT_TYPE_OF[result.sub_event_type]
    assert 0.0 <= result.confidence <= 1.0
    assert sum(result.scores.values()) == pytest.approx(1.0)


def test_classify_many_matches_classify(classifier):
    texts = [r["text"] for r in external_set()[:20]]
    assert classifier.classify_many(texts) == [classifier.classify(t) for t in texts]


# --- the codebook rules --------------------------------------------------------------------


def scores_with(best: str, second: str = "Armed clash") -> dict[str, float]:
    """Model scores whose best guess is ``best`` (0.6) and runner-up ``second`` (0.3)."""
    rest = 0.1 / (len(SUB_TYPES) - 2)
    scores = {s: rest for s in SUB_TYPES}
    scores.update({best: 0.6, second: 0.3})
    return scores


RULE_CASES = [
    # (text, model's best guess, runner-up, expected after the rules)
    ("Police fired tear gas to disperse protesters in Nairobi.",
     "Chemical weapon", "Protest with intervention", "Protest with intervention"),
    ("Helicopters dropped chlorine barrels on the town, causing suffocation.",
     "Chemical weapon", "Air/drone strike", "Chemical weapon"),
    ("The army retook the town of Kabani from rebels after heavy fighting.",
     "Non-state actor overtakes territory", "Armed clash", "Government regains territory"),
    ("Rebels retook the town of Kabani from the army after heavy fighting.",
     "Government regains territory", "Armed clash", "Non-state actor overtakes territory"),
    ("Rebels seized the town after clashes with government troops.",
     "Government regains territory", "Armed clash", "Non-state actor overtakes territory"),
    ("Pro-regime fighters recaptured the villages after losing them hours earlier.",
     "Non-state actor overtakes territory", "Armed clash", "Government regains territory"),
    ("Tigrayan forces captured the town from federal troops after fighting.",
     "Government regains territory", "Armed clash", "Non-state actor overtakes territory"),
    ("Kurdish forces captured the village after weeks of clashes with jihadists.",
     "Government regains territory", "Armed clash", "Non-state actor overtakes territory"),
    ("IS fighters seized the town after heavy fighting with the army.",
     "Government regains territory", "Armed clash", "Non-state actor overtakes territory"),
    ("The army says the town is secure after troops retook it from rebels.",
     "Non-state actor overtakes territory", "Armed clash", "Government regains territory"),
    ("Government forces wrested the town from the rebels on Thursday.",
     "Non-state actor overtakes territory", "Armed clash", "Government regains territory"),
    ("The town fell to the Taliban after a week of fighting.",
     "Government regains territory", "Armed clash", "Non-state actor overtakes territory"),
    ("Rebels withdrew from the town and the army entered without a fight.",
     "Government regains territory", "Armed clash", "Non-violent transfer of territory"),
    ("The militants handed over the district under a deal; no clashes were reported.",
     "Non-state actor overtakes territory", "Armed clash", "Non-violent transfer of territory"),
    ("Police shot dead two protesters during a peaceful march in Dhaka.",
     "Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    ("Demonstrators threw stones at police and burned tyres on the main road.",
     "Peaceful protest", "Protest with intervention", "Violent demonstration"),
    ("Police dispersed the demonstrators with tear gas and arrested 20 of them.",
     "Peaceful protest", "Excessive force against protesters", "Protest with intervention"),
    ("Thousands marched to demand the release of detained activists and dispersed peacefully.",
     "Peaceful protest", "Protest with intervention", "Peaceful protest"),
    ("Students held a flash protest downtown and dispersed before police arrived.",
     "Peaceful protest", "Protest with intervention", "Peaceful protest"),
    ("Gunmen kidnapped a doctor and demanded a ransom.",
     "Arrests", "Abduction/forced disappearance", "Abduction/forced disappearance"),
    ("Police arrested a senior militant commander in a raid.",
     "Abduction/forced disappearance", "Arrests", "Arrests"),
    ("Militants detained a journalist; his whereabouts remain unknown.",
     "Arrests", "Abduction/forced disappearance", "Abduction/forced disappearance"),
    ("Rebels fired mortar shells on a residential district, killing three civilians.",
     "Attack", "Armed clash", "Shelling/artillery/missile attack"),
    ("Warplanes bombed a market in the town, killing 12 civilians.",
     "Attack", "Armed clash", "Air/drone strike"),
    ("A suicide bomber blew himself up at a checkpoint, killing four soldiers.",
     "Remote explosive/landmine/IED", "Armed clash", "Suicide bomb"),
    ("Bomb disposal experts defused a device planted near the market.",
     "Remote explosive/landmine/IED", "Armed clash", "Disrupted weapons use"),
    ("Two children were killed when a leftover mortar round exploded in a field.",
     "Shelling/artillery/missile attack", "Armed clash", "Remote explosive/landmine/IED"),
    # a rule never crosses families: territory words inside an Agreement stay an Agreement
    ("The army retook the town, then signed a truce with the rebels.",
     "Agreement", "Armed clash", "Agreement"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "best", "second", "expected"), RULE_CASES)
def test_codebook_rules(text, best, second, expected):
    decision = apply_rules(text, scores_with(best, second))
    assert decision.sub_event_type == expected
    assert (decision.rule is None) == (expected == best)
    assert 0.0 <= decision.confidence <= 1.0


END_TO_END = [
    ("Riot police used tear gas to break up a student protest in Kampala.",
     "Protest with intervention"),
    ("Government troops retook the village of Tal Hamid from jihadists after a day of fighting.",
     "Government regains territory"),
    ("Jihadists seized the village of Tal Hamid from government troops after a day of fighting.",
     "Non-state actor overtakes territory"),
    # who lost the place, told in the passive
    ("Government troops are back in control of Bunagana after M23 rebels were pushed out "
     "following two days of fighting.", "Government regains territory"),
    ("Soldiers were forced out of the base at Boni after a jihadist assault, residents said.",
     "Non-state actor overtakes territory"),
    ("Soldiers shot dead three demonstrators who were marching peacefully in Bamenda.",
     "Excessive force against protesters"),
    ("Protesters torched a police station and hurled stones at officers in Goma.",
     "Violent demonstration"),
    ("Unknown gunmen abducted two engineers on the road to Gao.",
     "Abduction/forced disappearance"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), END_TO_END)
def test_classifier_follows_the_codebook(classifier, text, expected):
    assert classifier.classify(text).sub_event_type == expected


# --- accuracy floors -----------------------------------------------------------------------


def test_accuracy_on_real_sentences_stays_above_floor(classifier):
    records = external_set()
    predicted = [c.sub_event_type for c in classifier.classify_many([r["text"] for r in records])]
    gold = [r["sub_event_type"] for r in records]
    accuracy = float(np.mean([p == g for p, g in zip(predicted, gold, strict=True)]))
    assert len(records) >= 80
    assert accuracy >= EXTERNAL_ACCURACY_FLOOR


@pytest.mark.parametrize(
    ("path", "size", "floor"),
    [
        (HELDOUT, 250, HELDOUT_ACCURACY_FLOOR),
        (BLIND, 250, BLIND_ACCURACY_FLOOR),
        (WIRE, 400, WIRE_ACCURACY_FLOOR),
    ],
)
def test_accuracy_on_snippets_written_apart_stays_above_floor(classifier, path, size, floor):
    lines = path.read_text(encoding="utf-8").splitlines()
    records = [r for r in map(json.loads, lines) if "text" in r]
    predicted = [c.sub_event_type for c in classifier.classify_many([r["text"] for r in records])]
    right = [p == r["sub_event_type"] for p, r in zip(predicted, records, strict=True)]
    assert len(records) == size and {r["sub_event_type"] for r in records} == set(SUB_TYPES)
    assert float(np.mean(right)) >= floor


def test_test_sets_share_no_snippet_with_training(snippets):
    trained = {s.text.strip().lower() for s in snippets}
    for path in (EXTERNAL, HELDOUT, BLIND, WIRE):
        lines = path.read_text(encoding="utf-8").splitlines()
        texts = {r["text"].strip().lower() for r in map(json.loads, lines) if "text" in r}
        assert not texts & trained, path.name


def test_score_predictions_reports_per_type_and_top_level():
    pytest.importorskip("sklearn")
    gold = ["Armed clash", "Attack", "Grenade", "Grenade"]
    predicted = ["Armed clash", "Armed clash", "Grenade", "Suicide bomb"]
    scores = score_predictions(gold, predicted)
    assert scores["accuracy"] == 0.5
    assert scores["event_type_accuracy"] == 0.75  # Grenade vs Suicide bomb: same type
    assert scores["f1 Grenade"] == pytest.approx(2 / 3)
    assert scores["f1 Peaceful protest"] == 0.0


@pytest.mark.slow
def test_cross_validated_weighted_f1_stays_above_floor():
    pytest.importorskip("sklearn")
    from frontwatch.extract.snippets import cross_validate

    scores = cross_validate(folds=5, seed=0, scored_files=FIRST_FILES)
    assert scores["n"] == 2171
    assert scores["weighted_f1"] >= CV_WEIGHTED_F1_FLOOR
    assert scores["weighted_f1"] >= scores["weighted_f1_no_rules"]  # the rules earn their keep
    assert {f"f1 {s}" for s in SUB_TYPES} <= scores.keys()


@pytest.mark.slow
def test_cross_validated_weighted_f1_on_all_snippets_stays_above_floor():
    pytest.importorskip("sklearn")
    from frontwatch.extract.snippets import cross_validate

    scores = cross_validate(folds=5, seed=0)
    assert scores["n"] == len(read_snippets()) and scores["n_always_trained"] == 0
    assert scores["weighted_f1"] >= CV_ALL_WEIGHTED_F1_FLOOR
