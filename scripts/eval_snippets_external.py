"""Score the shipped snippet classifier on the held-out external sentences.

    python scripts/eval_snippets_external.py [--file JSONL] [--errors] [--speed]

Prints accuracy (model alone and with the codebook rules), the confusions (gold ->
predicted, with counts) and, with ``--speed``, snippets per second on one core.
The external file is a check only: never train on it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from frontwatch.extract.snippets import SnippetClassifier

EXTERNAL = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "snippets_external.jsonl"


def read_records(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [r for r in (json.loads(line) for line in lines if line.strip()) if "text" in r]


def accuracy(classifier: SnippetClassifier, records: list[dict]) -> tuple[float, list[tuple]]:
    results = classifier.classify_many([r["text"] for r in records])
    pairs = [
        (r["sub_event_type"], c.sub_event_type, r["text"])
        for r, c in zip(records, results, strict=True)
    ]
    right = sum(gold == got for gold, got, _ in pairs)
    return right / len(pairs), [p for p in pairs if p[0] != p[1]]


def speed(classifier: SnippetClassifier, texts: list[str], rounds: int = 5) -> float:
    started = time.perf_counter()
    for _ in range(rounds):
        classifier.classify_many(texts)
    return rounds * len(texts) / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=EXTERNAL)
    parser.add_argument("--errors", action="store_true", help="print each wrong sentence")
    parser.add_argument("--speed", action="store_true", help="also time the classifier")
    args = parser.parse_args(argv)

    records = read_records(args.file)
    ruled = SnippetClassifier().load()
    plain = SnippetClassifier(rules=False).load()
    acc_plain, _ = accuracy(plain, records)
    acc_rules, errors = accuracy(ruled, records)
    print(f"{len(records)} sentences: model {acc_plain:.3f}, model + rules {acc_rules:.3f}")
    for (gold, got), n in Counter((g, p) for g, p, _ in errors).most_common():
        print(f"{n:3d}  {gold}  ->  {got}")
    if args.errors:
        for gold, got, text in errors:
            print(f"\n[{gold} -> {got}] {text}")
    if args.speed:
        print(f"speed: {speed(ruled, [r['text'] for r in records]):.0f} snippets/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
