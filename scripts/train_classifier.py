"""Train the snippet classifier and write the shipped model (``make train``).

    python scripts/train_classifier.py [--snippets DIR] [--out PATH] [--cv]

Reads the labelled snippets (src/frontwatch/data/snippets/*.jsonl), fits the
TF-IDF + logistic-regression pipeline of ``frontwatch.extract.snippets`` and
writes its arrays as a compressed ``.npz`` (no pickle). Needs the optional
``train`` dependencies (scikit-learn). Deterministic: the same data gives the same
file bytes.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from frontwatch.extract.snippets import (
    MODEL_PATH,
    SNIPPETS_DIR,
    cross_validate,
    read_snippets,
    train_model,
)
from frontwatch.taxonomy import SUB_TYPES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snippets", type=Path, default=SNIPPETS_DIR)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--cv", action="store_true", help="also print 5-fold cross-validation")
    args = parser.parse_args(argv)

    snippets = read_snippets(args.snippets)
    counts = Counter(s.sub_event_type for s in snippets)
    missing = [s for s in SUB_TYPES if not counts[s]]
    if missing:
        print(f"no training snippets for: {missing}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    arrays = train_model(snippets)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # np.savez_compressed stamps no dates into the zip: same arrays, same bytes
    np.savez_compressed(args.out, **arrays)
    features = arrays["coef"].shape[1]
    size_kb = args.out.stat().st_size / 1024
    took = time.perf_counter() - started
    print(
        f"{len(snippets)} snippets, {features} features -> {args.out} ({size_kb:.0f} KB, {took:.1f} s)"
    )
    if args.cv:
        for name, value in cross_validate(args.snippets).items():
            print(f"{name:<45} {value:.3f}" if isinstance(value, float) else f"{name:<45} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
