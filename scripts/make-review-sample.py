#!/usr/bin/env python3
"""Draws the committed demo sample from the Women's E-Commerce Clothing Reviews training file.

Stratified by sentiment label (rating 1-2 negative, 3 neutral, 4-5 positive), seeded, and
limited to rows that have a Review Text. Standard library only; the same input and seed give
the same output byte for byte.

    python3 scripts/make-review-sample.py \
        /work/shared/data/reviews/womens_clothing_reviews_train.csv \
        src/main/resources/sample/reviews-sample.csv
"""
import argparse
import csv
import random

COLUMNS = ["Title", "Review Text", "Rating", "Department Name", "Class Name",
           "Division Name", "Clothing ID"]
PER_LABEL = {"negative": 200, "neutral": 150, "positive": 250}


def label(rating):
    if rating <= 2:
        return "negative"
    if rating == 3:
        return "neutral"
    return "positive"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args()

    by_label = {name: [] for name in PER_LABEL}
    with open(args.source, newline="", encoding="utf-8") as source:
        for row in csv.DictReader(source):
            if not row["Review Text"].strip():
                continue
            by_label[label(int(row["Rating"]))].append(row)

    rng = random.Random(args.seed)
    chosen = []
    for name, count in PER_LABEL.items():
        chosen.extend(rng.sample(by_label[name], count))
    rng.shuffle(chosen)

    with open(args.target, "w", newline="", encoding="utf-8") as target:
        writer = csv.DictWriter(target, fieldnames=COLUMNS, extrasaction="ignore",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(chosen)


if __name__ == "__main__":
    main()
