"""Snippet classifier: one short news snippet in, one of the 25 sub-event types out.

A linear model (TF-IDF word 1-2 grams + character 3-5 grams, logistic regression)
trained with scikit-learn by ``scripts/train_classifier.py`` and shipped as a
``.npz`` of plain arrays (vocabulary, idf, coefficients). Inference needs only
numpy: the feature functions below are the very analyzers the training run
hands to scikit-learn, so both sides see identical features. A small layer of
codebook rules (``snippet_rules``) then settles distinctions inside an event
type where keywords mislead.

scikit-learn is a training-time dependency (the optional ``train`` group); it is
imported only inside the training and cross-validation functions.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import numpy as np

from frontwatch.extract.snippet_rules import apply_rules
from frontwatch.settings import DATA_DIR
from frontwatch.taxonomy import EVENT_TYPE_OF, SUB_TYPES

log = logging.getLogger(__name__)

MODEL_PATH = DATA_DIR / "classifier" / "snippet_model.npz"
SNIPPETS_DIR = DATA_DIR / "snippets"
FORMAT_VERSION = 1

_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_QUOTES = MappingProxyType(
    str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
)


# --- features (shared by training and inference) -----------------------------------------


def normalise(text: str) -> str:
    """Lower case, one kind of quote, every number as 0: "killed 12" and "killed 40" read alike."""
    return _DIGITS.sub("0", _SPACES.sub(" ", text.translate(_QUOTES).lower())).strip()


def word_ngrams(text: str) -> list[str]:
    """Word unigrams and bigrams of the normalised text (a scikit-learn analyzer)."""
    return _word_grams(normalise(text))


def char_ngrams(text: str) -> list[str]:
    """Character 3-5-grams inside word boundaries, as scikit-learn's ``char_wb`` does."""
    return _char_grams(normalise(text))


def _word_grams(normalised: str) -> list[str]:
    tokens = _TOKEN.findall(normalised)
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def _char_grams(normalised: str, low: int = 3, high: int = 5) -> list[str]:
    grams: list[str] = []
    for word in normalised.split():
        padded = f" {word} "
        size = len(padded)
        for n in range(low, high + 1):
            if size <= n:  # a short word counts once, at its full length
                grams.append(padded)
                break
            grams += [padded[i : i + n] for i in range(size - n + 1)]
    return grams


# the same functions on already-normalised text, so inference normalises once
_GRAMS = MappingProxyType({"word": _word_grams, "char": _char_grams})


# --- the shipped model ---------------------------------------------------------------------


@dataclass(frozen=True)
class Classification:
    event_type: str
    sub_event_type: str
    confidence: float  # 0-1
    rule: str | None = None  # the codebook rule that settled the sub-type, if any
    scores: Mapping[str, float] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class _Block:
    """One feature block: its analyzer, vocabulary (gram -> column) and idf weights."""

    analyzer: str
    vocabulary: dict[str, int]
    idf: np.ndarray
    offset: int  # first column of this block in the coefficient matrix


class SnippetClassifier:
    """Classifies snippets into the 25 sub-types. ``load()`` reads the model file."""

    def __init__(self, path: Path | None = None, *, rules: bool = True):
        self.path = Path(path) if path else MODEL_PATH
        self.rules = rules
        self._classes: tuple[str, ...] = ()
        self._blocks: tuple[_Block, ...] = ()
        self._coef = np.zeros((0, 0), dtype=np.float32)
        self._intercept = np.zeros(0, dtype=np.float32)

    def load(self) -> SnippetClassifier:
        with np.load(self.path, allow_pickle=False) as archive:
            self._set_arrays({name: archive[name] for name in archive.files})
        log.debug("loaded snippet model %s (%d features)", self.path, self._coef.shape[1])
        return self

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray], *, rules: bool = True):
        """A classifier from in-memory model arrays (as ``train_model`` returns)."""
        classifier = cls(rules=rules)
        classifier._set_arrays(arrays)
        return classifier

    def _set_arrays(self, arrays: Mapping[str, np.ndarray]) -> None:
        meta = json.loads(str(arrays["meta"]))
        if meta.get("format") != FORMAT_VERSION:
            raise ValueError(
                f"snippet model format {meta.get('format')}, expected {FORMAT_VERSION}"
            )
        self._classes = tuple(str(c) for c in arrays["classes"])
        unknown = set(self._classes) - set(SUB_TYPES)
        if unknown:
            raise ValueError(f"snippet model has unknown sub-types: {sorted(unknown)}")
        self._blocks = tuple(_read_block(arrays, name) for name in meta["blocks"])
        self._coef = np.asarray(arrays["coef"], dtype=np.float32)
        self._intercept = np.asarray(arrays["intercept"], dtype=np.float32)

    @property
    def classes(self) -> tuple[str, ...]:
        return self._classes

    def probabilities(self, text: str) -> np.ndarray:
        """The linear model's class probabilities (``classes`` order), before any rule."""
        if not self._classes:
            raise RuntimeError("SnippetClassifier used before load()")
        logits = self._intercept.astype(np.float64).copy()
        normalised = normalise(text)
        for block in self._blocks:
            columns, values = _block_features(block, normalised)
            if columns.size:
                logits += self._coef[:, columns].astype(np.float64) @ values
        return _softmax(logits)

    def classify(self, text: str) -> Classification:
        probabilities = self.probabilities(text)
        scores = dict(zip(self._classes, (float(p) for p in probabilities), strict=True))
        if not self.rules:
            best = max(scores, key=scores.__getitem__)
            return Classification(EVENT_TYPE_OF[best], best, scores[best], None, scores)
        decision = apply_rules(text, scores)
        sub = decision.sub_event_type
        return Classification(EVENT_TYPE_OF[sub], sub, decision.confidence, decision.rule, scores)

    def classify_many(self, texts: Sequence[str]) -> list[Classification]:
        return [self.classify(text) for text in texts]


def _read_block(arrays: Mapping[str, np.ndarray], name: str) -> _Block:
    grams = arrays[f"{name}_vocabulary"]
    vocabulary = {str(gram): i for i, gram in enumerate(grams)}
    idf = np.asarray(arrays[f"{name}_idf"], dtype=np.float64)
    return _Block(name, vocabulary, idf, int(arrays[f"{name}_offset"]))


def _block_features(block: _Block, normalised: str) -> tuple[np.ndarray, np.ndarray]:
    """Columns and values of one block: sublinear tf x idf, l2-normalised (as TfidfVectorizer)."""
    vocabulary = block.vocabulary
    known = [
        (vocabulary[g], n)
        for g, n in Counter(_GRAMS[block.analyzer](normalised)).items()
        if g in vocabulary
    ]
    if not known:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    local, counts = np.array(known, dtype=np.int64).T
    values = (1.0 + np.log(counts)) * block.idf[local]
    return local + block.offset, values / np.linalg.norm(values)


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max())
    return shifted / shifted.sum()


# --- training data -------------------------------------------------------------------------


@dataclass(frozen=True)
class Snippet:
    text: str
    sub_event_type: str
    country: str = ""
    source: str = ""  # the file it was read from


def read_snippets(directory: Path | None = None) -> list[Snippet]:
    """Every labelled snippet in the ``*.jsonl`` files of ``directory``, in file order."""
    snippets = []
    for path in sorted(Path(directory or SNIPPETS_DIR).glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                snippets.append(_snippet(json.loads(line), path.name, number))
    return snippets


def _snippet(record: dict, source: str, number: int) -> Snippet:
    if record.get("sub_event_type") not in EVENT_TYPE_OF:
        where = f"{source}:{number}"
        raise ValueError(f"{where}: unknown sub_event_type {record.get('sub_event_type')!r}")
    return Snippet(record["text"], record["sub_event_type"], record.get("country", ""), source)


# --- training (needs scikit-learn: the optional 'train' dependencies) ----------------------


@dataclass(frozen=True)
class TrainingParams:
    min_df: int = 2
    max_word_features: int = 12000
    max_char_features: int = 40000
    c: float = 20.0
    tol: float = 1e-4
    max_iter: int = 3000


def build_pipeline(params: TrainingParams = TrainingParams()):
    """The scikit-learn pipeline whose arrays ``export_arrays`` ships."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    def vectorizer(analyzer, max_features):
        return TfidfVectorizer(
            analyzer=analyzer,
            sublinear_tf=True,
            min_df=params.min_df,
            max_features=max_features,
            dtype=np.float64,
        )

    features = FeatureUnion(
        [
            ("word", vectorizer(word_ngrams, params.max_word_features)),
            ("char", vectorizer(char_ngrams, params.max_char_features)),
        ]
    )
    model = LogisticRegression(C=params.c, max_iter=params.max_iter, tol=params.tol)
    return Pipeline([("features", features), ("model", model)])


def train_pipeline(snippets: Sequence[Snippet], params: TrainingParams = TrainingParams()):
    from threadpoolctl import threadpool_limits

    pipeline = build_pipeline(params)
    # one BLAS thread: faster on a small problem (no oversubscription) and the same
    # floating-point order on every run
    with threadpool_limits(limits=1):
        pipeline.fit([s.text for s in snippets], [s.sub_event_type for s in snippets])
    return pipeline


def export_arrays(pipeline, digest: str = "") -> dict[str, np.ndarray]:
    """The fitted pipeline as plain arrays (float32, unicode): what the ``.npz`` holds."""
    arrays: dict[str, np.ndarray] = {}
    offset = 0
    for name, vectorizer in pipeline.named_steps["features"].transformer_list:
        grams = vectorizer.get_feature_names_out()
        arrays[f"{name}_vocabulary"] = np.asarray(grams, dtype=str)
        arrays[f"{name}_idf"] = vectorizer.idf_.astype(np.float32)
        arrays[f"{name}_offset"] = np.asarray(offset, dtype=np.int64)
        offset += len(grams)
    model = pipeline.named_steps["model"]
    arrays["classes"] = np.asarray(model.classes_, dtype=str)
    arrays["coef"] = model.coef_.astype(np.float32)
    arrays["intercept"] = model.intercept_.astype(np.float32)
    meta = {"format": FORMAT_VERSION, "blocks": ["word", "char"], "data": digest}
    arrays["meta"] = np.asarray(json.dumps(meta, sort_keys=True))
    return arrays


def data_digest(snippets: Iterable[Snippet]) -> str:
    """A fingerprint of the training data, stored in the model to tell which data made it."""
    payload = "\n".join(f"{s.sub_event_type}\t{s.text}" for s in snippets)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def train_model(snippets: Sequence[Snippet], params: TrainingParams = TrainingParams()):
    """Train on ``snippets``; returns the arrays of the model to ship."""
    return export_arrays(train_pipeline(snippets, params), data_digest(snippets))


# --- cross-validation ----------------------------------------------------------------------


def cross_validate(
    snippets_dir: Path | None = None,
    folds: int = 5,
    seed: int = 0,
    params: TrainingParams = TrainingParams(),
    scored_files: Collection[str] | None = None,
) -> dict:
    """Stratified k-fold: train on k-1 folds with ``train_model``, score the held-out fold.

    Scores the numpy inference path (what ships), with and without the rule layer. With
    ``scored_files`` (file names), only those files' snippets are split into folds and
    scored; the other files join every training fold (more training data, measured on the
    same snippets as before: the folds are those of the scored files alone).
    """
    from sklearn.model_selection import StratifiedKFold

    everything = read_snippets(snippets_dir)
    snippets = [s for s in everything if scored_files is None or s.source in scored_files]
    always = [s for s in everything if scored_files is not None and s.source not in scored_files]
    labels = [s.sub_event_type for s in snippets]
    with_rules: list[str] = [""] * len(snippets)
    without: list[str] = [""] * len(snippets)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train_idx, test_idx in splitter.split(np.zeros(len(labels)), labels):
        arrays = train_model([snippets[i] for i in train_idx] + always, params)
        ruled = SnippetClassifier.from_arrays(arrays, rules=True)
        plain = SnippetClassifier.from_arrays(arrays, rules=False)
        for i in test_idx:
            with_rules[i] = ruled.classify(snippets[i].text).sub_event_type
            without[i] = plain.classify(snippets[i].text).sub_event_type
    counts = {"folds": folds, "n": len(labels), "n_always_trained": len(always)}
    return score_predictions(labels, with_rules, without) | counts


def score_predictions(
    gold: Sequence[str],
    predicted: Sequence[str],
    predicted_without_rules: Sequence[str] | None = None,
) -> dict:
    """Accuracy, weighted/macro F1, top-level accuracy and per-sub-type F1 (flat dict)."""
    from sklearn.metrics import accuracy_score, f1_score

    scores = {
        "accuracy": float(accuracy_score(gold, predicted)),
        "weighted_f1": float(f1_score(gold, predicted, average="weighted", zero_division=0)),
        "macro_f1": float(f1_score(gold, predicted, average="macro", zero_division=0)),
        "event_type_accuracy": float(
            np.mean(
                [EVENT_TYPE_OF[g] == EVENT_TYPE_OF[p] for g, p in zip(gold, predicted, strict=True)]
            )
        ),
    }
    if predicted_without_rules is not None:
        plain = predicted_without_rules
        scores["accuracy_no_rules"] = float(accuracy_score(gold, plain))
        scores["weighted_f1_no_rules"] = float(
            f1_score(gold, plain, average="weighted", zero_division=0)
        )
    per_type = f1_score(gold, predicted, labels=list(SUB_TYPES), average=None, zero_division=0)
    scores.update({f"f1 {name}": float(f) for name, f in zip(SUB_TYPES, per_type, strict=True)})
    return scores
