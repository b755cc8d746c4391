#!/usr/bin/python3
"""Builds the tiny RoBERTa test fixture in src/test/resources/models/tiny-roberta/.

A genuine (but tiny, randomly initialised) RoBERTa sequence-classification model,
laid out like a Hugging Face export of RobertaForSequenceClassification:

  model.onnx      ONNX graph (opset 14), inputs input_ids / attention_mask (int64,
                  [batch, sequence]), output logits [batch, 3]
  tokenizer.json  byte-level BPE tokenizer (RoBERTa/GPT-2 style) in the Hugging Face
                  `tokenizers` JSON format; merges learned here from CORPUS
  config.json     HF-style config, id2label deliberately not in neg/neu/pos order
  expected.json   token ids and PyTorch logits for a few texts, for contract tests

Everything is deterministic (fixed seed, single thread, sorted tie-breaks), so running
the script twice produces byte-identical files.

Needs Debian bookworm's python3-torch (1.13), python3-onnx and python3-numpy; no
transformers, no regex module, no network.

Usage (from the repository root):
    /usr/bin/python3 scripts/make-tiny-roberta.py
"""

import json
import math
import os
import sys
import unicodedata
from collections import Counter

import numpy as np
import onnx
import torch
from torch import nn

SEED = 20240611
NUM_MERGES = 300
MAX_LEN = 64  # tokens per window, <s> and </s> included
PAD_ID = 1  # RoBERTa padding_idx
HIDDEN = 32
HEADS = 2
INTERMEDIATE = 64
LAYERS = 2
LAYER_NORM_EPS = 1e-5
MAX_POSITIONS = MAX_LEN + PAD_ID + 1  # 66: positions start at padding_idx + 1
OPSET = 14
ID2LABEL = {0: "positive", 1: "negative", 2: "neutral"}
SPECIALS = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]

OUT_DIR = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "models", "tiny-roberta"
)

# Small English corpus of product-review-like sentences; the BPE merges are learned from it.
CORPUS = """
I love the colour, and the fit is perfect.
I love it. Love the colour and the zipper too.
The zipper broke after two days and support never answered.
The zipper broke again. Support was friendly but slow.
It fits well and the fabric feels soft.
The jacket fits, the colour is great, and the price was fair.
Terrible quality: the strap broke on the first day.
The sole broke after a week, the glue is cheap.
Customer support replied fast and sent a replacement.
Support was useless, I want a refund.
The delivery was late but the product works as described.
Works fine. Nothing special, nothing bad.
It is okay for the price, not great, not terrible.
The colour faded after one wash, very disappointed.
Great value, would buy again!
Would not buy again, the zipper is flimsy.
The size fits true and the material is comfortable.
The shoes fit well and look great with everything.
The battery lasts all day and charging is quick.
The battery died after a month, support offered nothing.
I love the design but the stitching came loose.
The packaging was damaged, the item inside was fine.
Fast shipping, great support, the product is exactly as shown.
The colour is not what the photos showed.
The handle broke and the lid does not close.
Perfect fit, lovely colour, great quality.
The app keeps crashing and support keeps closing my ticket.
The instructions were clear and setup took five minutes.
It stopped working after two weeks, what a waste of money.
The seller was helpful and the refund came quickly.
Good product, average support, slow delivery.
I would recommend it to anyone who needs a simple bag.
The zipper sticks, the pocket is too small, but it fits my laptop.
The fabric is thin and the colour runs in the wash.
Love love love it, the best purchase this year.
The screen broke the first time I dropped it.
The price went up but the quality stayed the same.
Support said the warranty does not cover it.
It is fine, it does the job, nothing more.
The sound is clear and the battery lasts long.
the colour is nice and it fits.
love it! the zipper broke though.
fits great, love the colour (the zipper is strong).
colour: navy. zipper: broke. support: slow.
zipper broke, support helped, fits fine.
support was great and the zipper fits.
broke after a day (support was rude), the colour is nice.
the zipper fits/the colour fits/love it.
broke on day one, the colour is wrong.
it broke twice (broke again in May).
fits like a glove, the colour is rich.
colour is off (colour looks grey, not blue).
fits small (fits my son instead).
The customer service team was polite and the return was easy.
Returned it because the sizing was wrong and the material smelled.
Bought this for my daughter and she loves the colour and the pockets.
The charger stopped working, support sent a new one within three days.
Cheap plastic, the buttons feel loose and the cover cracked.
Excellent quality for the price, the stitching is strong and neat.
The backpack is light, the straps are padded and the zipper runs smoothly.
Disappointed with the product, the description was misleading.
The delivery driver left the parcel in the rain and the box was soaked.
Everything works as expected, nothing to complain about.
The colour is brighter than expected but I still love it.
Support answered my question in minutes, very helpful.
The jacket is warm, waterproof and fits perfectly.
""".strip()

EXPECTED_TEXTS = [
    "I love it",
    "The zipper broke after two days.",
    "Café – naïve design, but the colour fits.",
    "Great support 👍🏽 would buy again! 🙂",
    "It's OK.\nNot great, not terrible  ",
    (
        "Ordered the XL in navy on 3 March; it arrived 12 days late, the zipper broke within "
        "a week, the colour bled onto my shirt, support (after 4 emails!!) offered a 10% voucher, "
        "and honestly I expected better from a brand that charges $89.99 for a rain-jacket."
    ),
]


# ---------------------------------------------------------------------------------------------
# Byte-level BPE (GPT-2 / RoBERTa rules, as implemented by Hugging Face `tokenizers`)
# ---------------------------------------------------------------------------------------------


def bytes_to_unicode():
    """GPT-2's reversible byte -> printable unicode character table."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


BYTE_ENCODER = bytes_to_unicode()

# Unicode White_Space (what \s matches in the Oniguruma regex used by `tokenizers`).
WHITESPACE = set("\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | {
    chr(c) for c in range(0x2000, 0x200B)
}


def _is_space(c):
    return c in WHITESPACE


def _is_letter(c):
    return unicodedata.category(c).startswith("L")


def _is_number(c):
    return unicodedata.category(c).startswith("N")


def _is_other(c):
    return not (_is_space(c) or _is_letter(c) or _is_number(c))


CONTRACTIONS = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d"]


def gpt2_split(text):
    """Hand-written equivalent of the GPT-2 pre-tokenisation regex
    's|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+
    (alternatives tried in order at each position, leftmost-first, greedy)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        matched = None
        for c in CONTRACTIONS:
            if text.startswith(c, i):
                matched = len(c)
                break
        if matched is None:
            for cls in (_is_letter, _is_number, _is_other):
                start = i + 1 if (text[i] == " " and i + 1 < n and cls(text[i + 1])) else i
                if cls(text[start]):
                    j = start
                    while j < n and cls(text[j]):
                        j += 1
                    matched = j - i
                    break
        if matched is None:  # text[i] is whitespace here
            j = i
            while j < n and _is_space(text[j]):
                j += 1
            run = j - i
            if j == n:
                matched = run  # \s+(?!\S) at end of text
            elif run > 1:
                matched = run - 1  # \s+(?!\S) backtracks to leave one space for the next word
            else:
                matched = run  # plain \s+
        out.append(text[i : i + matched])
        i += matched
    return out


def byte_level(piece):
    return "".join(BYTE_ENCODER[b] for b in piece.encode("utf-8"))


def learn_bpe(corpus, num_merges):
    words = Counter()
    for line in corpus.splitlines():
        for piece in gpt2_split(line):
            words[tuple(byte_level(piece))] += 1
    words = dict(sorted(words.items()))
    merges = []
    for _ in range(num_merges):
        pairs = Counter()
        for word, freq in words.items():
            for a, b in zip(word, word[1:]):
                pairs[(a, b)] += freq
        if not pairs:
            break
        best = min(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
        if best[1] < 2:
            break
        (a, b) = best[0]
        merges.append((a, b))
        new_words = {}
        for word, freq in words.items():
            merged = []
            k = 0
            while k < len(word):
                if k + 1 < len(word) and word[k] == a and word[k + 1] == b:
                    merged.append(a + b)
                    k += 2
                else:
                    merged.append(word[k])
                    k += 1
            t = tuple(merged)
            new_words[t] = new_words.get(t, 0) + freq
        words = new_words
    return merges


def build_vocab(merges):
    vocab = {}
    for tok in SPECIALS:
        vocab[tok] = len(vocab)
    for b in range(256):
        vocab[BYTE_ENCODER[b]] = len(vocab)
    for a, b in merges:
        if a + b not in vocab:
            vocab[a + b] = len(vocab)
    return vocab


def bpe_word(word, ranks):
    symbols = list(word)
    while len(symbols) > 1:
        best = None
        for k in range(len(symbols) - 1):
            r = ranks.get((symbols[k], symbols[k + 1]))
            if r is not None and (best is None or r < best[0]):
                best = (r, symbols[k], symbols[k + 1])
        if best is None:
            break
        _, a, b = best
        merged = []
        k = 0
        while k < len(symbols):
            if k + 1 < len(symbols) and symbols[k] == a and symbols[k + 1] == b:
                merged.append(a + b)
                k += 2
            else:
                merged.append(symbols[k])
                k += 1
        symbols = merged
    return symbols


def encode(text, vocab, ranks):
    """Token strings and ids with RobertaProcessing's <s> ... </s>, untruncated."""
    tokens = ["<s>"]
    for piece in gpt2_split(text):
        tokens.extend(bpe_word(byte_level(piece), ranks))
    tokens.append("</s>")
    return tokens, [vocab[t] for t in tokens]


def tokenizer_json(vocab, merges):
    added = []
    for tok in SPECIALS:
        added.append(
            {
                "id": vocab[tok],
                "content": tok,
                "single_word": False,
                "lstrip": tok == "<mask>",
                "rstrip": False,
                "normalized": False,
                "special": True,
            }
        )
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": {
            "type": "RobertaProcessing",
            "sep": ["</s>", vocab["</s>"]],
            "cls": ["<s>", vocab["<s>"]],
            "trim_offsets": True,
            "add_prefix_space": False,
        },
        "decoder": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "model": {
            "type": "BPE",
            "dropout": None,
            "unk_token": None,
            "continuing_subword_prefix": None,
            "end_of_word_suffix": None,
            "fuse_unk": False,
            "byte_fallback": False,
            "vocab": vocab,
            "merges": [a + " " + b for a, b in merges],
        },
    }


# ---------------------------------------------------------------------------------------------
# RoBERTa for sequence classification, written out in plain torch (mirrors HF's modeling_roberta)
# ---------------------------------------------------------------------------------------------


class RobertaEmbeddings(nn.Module):
    def __init__(self, vocab_size):
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab_size, HIDDEN, padding_idx=PAD_ID)
        self.position_embeddings = nn.Embedding(MAX_POSITIONS, HIDDEN, padding_idx=PAD_ID)
        self.token_type_embeddings = nn.Embedding(1, HIDDEN)
        self.LayerNorm = nn.LayerNorm(HIDDEN, eps=LAYER_NORM_EPS)

    def forward(self, input_ids):
        # create_position_ids_from_input_ids: pads keep padding_idx, real tokens count from padding_idx + 1
        mask = input_ids.ne(PAD_ID).int()
        position_ids = (torch.cumsum(mask, dim=1).type_as(mask) * mask).long() + PAD_ID
        token_type_ids = torch.zeros_like(input_ids)  # type_vocab_size 1: always type 0
        x = self.word_embeddings(input_ids) + self.token_type_embeddings(token_type_ids)
        x = x + self.position_embeddings(position_ids)
        return self.LayerNorm(x)


class RobertaLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.query = nn.Linear(HIDDEN, HIDDEN)
        self.key = nn.Linear(HIDDEN, HIDDEN)
        self.value = nn.Linear(HIDDEN, HIDDEN)
        self.attention_output_dense = nn.Linear(HIDDEN, HIDDEN)
        self.attention_output_LayerNorm = nn.LayerNorm(HIDDEN, eps=LAYER_NORM_EPS)
        self.intermediate_dense = nn.Linear(HIDDEN, INTERMEDIATE)
        self.output_dense = nn.Linear(INTERMEDIATE, HIDDEN)
        self.output_LayerNorm = nn.LayerNorm(HIDDEN, eps=LAYER_NORM_EPS)

    def _heads(self, x):
        b, s, _ = x.shape
        return x.view(b, s, HEADS, HIDDEN // HEADS).permute(0, 2, 1, 3)

    def forward(self, hidden, extended_mask):
        q = self._heads(self.query(hidden))
        k = self._heads(self.key(hidden))
        v = self._heads(self.value(hidden))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(HIDDEN // HEADS)
        probs = torch.softmax(scores + extended_mask, dim=-1)
        ctx = torch.matmul(probs, v).permute(0, 2, 1, 3).contiguous()
        ctx = ctx.view(ctx.shape[0], ctx.shape[1], HIDDEN)
        attn = self.attention_output_LayerNorm(self.attention_output_dense(ctx) + hidden)
        inter = torch.nn.functional.gelu(self.intermediate_dense(attn))  # HF "gelu" = exact erf GELU
        return self.output_LayerNorm(self.output_dense(inter) + attn)


class RobertaClassificationHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = nn.Linear(HIDDEN, HIDDEN)
        self.out_proj = nn.Linear(HIDDEN, len(ID2LABEL))

    def forward(self, features):
        x = features[:, 0, :]  # <s>
        return self.out_proj(torch.tanh(self.dense(x)))


class RobertaForSequenceClassification(nn.Module):
    def __init__(self, vocab_size):
        super().__init__()
        self.embeddings = RobertaEmbeddings(vocab_size)
        self.layers = nn.ModuleList([RobertaLayer() for _ in range(LAYERS)])
        self.classifier = RobertaClassificationHead()

    def forward(self, input_ids, attention_mask):
        hidden = self.embeddings(input_ids)
        # get_extended_attention_mask: 0 where attended, dtype-min where masked
        extended = (1.0 - attention_mask[:, None, None, :].to(torch.float32)) * torch.finfo(torch.float32).min
        for layer in self.layers:
            hidden = layer(hidden, extended)
        return self.classifier(hidden)


def init_weights(model, gen):
    """Seeded random init, scaled well above HF's N(0, 0.02) so that logits differ visibly."""

    def normal(t, std, mean=0.0):
        with torch.no_grad():
            t.copy_(torch.randn(t.shape, generator=gen) * std + mean)

    for name, module in model.named_modules():
        if isinstance(module, nn.Embedding):
            normal(module.weight, 1.0)
            if module.padding_idx is not None:
                with torch.no_grad():
                    module.weight[module.padding_idx].zero_()
        elif isinstance(module, nn.Linear):
            gain = 3.0 if name.endswith("out_proj") else 1.5
            normal(module.weight, gain / math.sqrt(module.in_features))
            normal(module.bias, 0.1)
        elif isinstance(module, nn.LayerNorm):
            normal(module.weight, 0.1, mean=1.0)
            normal(module.bias, 0.1)


def center_logits(model, vocab, ranks):
    """Shifts out_proj.bias so the mean logits over the corpus sentences are zero; otherwise one
    random class tends to win for every text, and tests could not tell labels apart."""
    with torch.no_grad():
        rows = []
        for line in CORPUS.splitlines():
            ids = torch.tensor([window(encode(line, vocab, ranks)[1])], dtype=torch.int64)
            rows.append(model(ids, torch.ones_like(ids))[0])
        model.classifier.out_proj.bias -= torch.stack(rows).mean(dim=0)


def window(ids):
    """First MAX_LEN-token window: <s> + first MAX_LEN-2 body tokens + </s>."""
    if len(ids) <= MAX_LEN:
        return list(ids)
    return list(ids[: MAX_LEN - 1]) + [ids[-1]]


def write_json(path, obj):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")


def main():
    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    os.makedirs(OUT_DIR, exist_ok=True)

    merges = learn_bpe(CORPUS, NUM_MERGES)
    vocab = build_vocab(merges)
    assert len(vocab) <= 1000, len(vocab)
    ranks = {pair: r for r, pair in enumerate(merges)}
    for word in ("the", "love", "broke", "fits", "colour", "zipper", "support"):
        for form in (word, "Ġ" + word):
            assert form in vocab, f"corpus should teach {form!r}"

    write_json(os.path.join(OUT_DIR, "tokenizer.json"), tokenizer_json(vocab, merges))

    config = {
        "architectures": ["RobertaForSequenceClassification"],
        "model_type": "roberta",
        "vocab_size": len(vocab),
        "hidden_size": HIDDEN,
        "num_hidden_layers": LAYERS,
        "num_attention_heads": HEADS,
        "intermediate_size": INTERMEDIATE,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": MAX_POSITIONS,
        "type_vocab_size": 1,
        "layer_norm_eps": LAYER_NORM_EPS,
        "position_embedding_type": "absolute",
        "pad_token_id": PAD_ID,
        "bos_token_id": 0,
        "eos_token_id": 2,
        "problem_type": "single_label_classification",
        "id2label": {str(k): v for k, v in ID2LABEL.items()},
        "label2id": {v: k for k, v in ID2LABEL.items()},
        "torch_dtype": "float32",
    }
    write_json(os.path.join(OUT_DIR, "config.json"), config)

    gen = torch.Generator().manual_seed(SEED)
    model = RobertaForSequenceClassification(len(vocab))
    init_weights(model, gen)
    model.eval()
    center_logits(model, vocab, ranks)

    cases = []
    with torch.no_grad():
        for text in EXPECTED_TEXTS:
            tokens, ids = encode(text, vocab, ranks)
            win = window(ids)
            input_ids = torch.tensor([win], dtype=torch.int64)
            logits = model(input_ids, torch.ones_like(input_ids))[0]
            cases.append(
                {
                    "text": text,
                    "tokens": tokens,
                    "ids": ids,
                    "truncated": len(ids) > MAX_LEN,
                    "logits": [float(np.float32(x)) for x in logits.tolist()],
                }
            )
    assert any(c["truncated"] for c in cases), "one text must exceed the window"
    expected = {
        "description": "Token ids (untruncated, with <s>/</s>) and PyTorch logits of each text scored alone; "
        "texts over max_length are scored on their first window: <s> + first max_length-2 body tokens + </s>.",
        "max_length": MAX_LEN,
        "pad_token_id": PAD_ID,
        "id2label": config["id2label"],
        "cases": cases,
    }
    write_json(os.path.join(OUT_DIR, "expected.json"), expected)

    onnx_path = os.path.join(OUT_DIR, "model.onnx")
    dummy = torch.tensor([window(cases[1]["ids"])], dtype=torch.int64)
    torch.onnx.export(
        model,
        (dummy, torch.ones_like(dummy)),
        onnx_path,
        input_names=["input_ids", "attention_mask"],
        output_names=["logits"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "sequence"},
            "attention_mask": {0: "batch", 1: "sequence"},
            "logits": {0: "batch"},
        },
        opset_version=OPSET,
        do_constant_folding=True,
    )
    proto = onnx.load(onnx_path)
    onnx.checker.check_model(proto)
    assert [i.name for i in proto.graph.input] == ["input_ids", "attention_mask"], [i.name for i in proto.graph.input]
    assert [o.name for o in proto.graph.output] == ["logits"]

    for c in cases:
        print(f"{len(c['ids']):3d} tokens  logits={['%.4f' % x for x in c['logits']]}  {c['text'][:40]!r}")
    print(f"vocab {len(vocab)} ({len(merges)} merges) -> {os.path.normpath(OUT_DIR)}")


if __name__ == "__main__":
    sys.exit(main())
