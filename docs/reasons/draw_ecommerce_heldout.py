"""Draws the candidate texts of the held-back e-commerce complaint set (docs/reasons/ecommerce-heldout.md).

Reproducible: a fixed seed over the shared files, read in file order. Writes text,source,row to stdout;
the reasons were then added by hand (see the README beside this script).
Usage: python3 docs/reasons/draw_ecommerce_heldout.py ../shared/data > candidates.csv
"""
import csv
import random
import sys

SEED = 26
CLOTHING = 90
PRODUCT_REVIEWS = 60

data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"

clothing = []
with open(f"{data}/reviews/womens_clothing_reviews_train.csv", newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        text = (row["Review Text"] or "").strip()
        if text and row["Rating"] in ("1", "2"):  # label -1 by the course's convention
            clothing.append((text, "womens_clothing_reviews", row["Row ID"]))

# Only VADER's product reviews (MIT): the tweet sources carry Twitter's terms and are not committed.
products = []
with open(f"{data}/multidomain/sentiment_multidomain_train.csv", newline="", encoding="utf-8") as f:
    for number, row in enumerate(csv.DictReader(f), start=2):
        if row["label"] == "-1" and row["source"] == "vader-icwsm2014" and row["domain"] == "product-review":
            products.append((row["text"].strip(), "vader-icwsm2014/product-review", str(number)))

rng = random.Random(SEED)
drawn = rng.sample(clothing, CLOTHING) + rng.sample(products, PRODUCT_REVIEWS)
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["text", "source", "row"])
out.writerows(drawn)
