#!/usr/bin/python3
"""Fine-tunes the top layers of a BERT-family ONNX encoder (bge-small-en-v1.5) and a linear head.

Driven by `feedback-pulse train`, which splits and tokenizes the data with the service's own code and
hands this script token ids. Needs python3 with torch and onnx (Debian: python3-torch, python3-onnx);
no transformers library, nothing downloaded.

Writes to --out:
  encoder-weights.safetensors  the fine-tuned layers, float16, keyed by the graph's own initializer
                               names (MatMul weights [in, out], as the graph stores them), which the
                               service swaps into the graph when ONNX Runtime builds its session
  head.json                    the linear head in the service's ClassificationHead format
and prints one JSON line, the last on stdout: best epoch, validation figures, and the logits of the
--check rows computed with exactly the weights written (the caller compares them to ONNX Runtime's).
"""
import argparse
import base64
import json
import math
import os
import random
import struct
import sys
import time

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import numpy_helper

HIDDEN, HEADS, INTER = 384, 12, 1536
CLASSES = 3


def log(*a):
    print(time.strftime('%H:%M:%S'), *a, file=sys.stderr, flush=True)


class Layer(nn.Module):
    """One post-LayerNorm BERT layer (Hugging Face BertLayer, exact erf GELU)."""

    def __init__(self):
        super().__init__()
        self.q, self.k, self.v, self.o = (nn.Linear(HIDDEN, HIDDEN) for _ in range(4))
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
        ctx = torch.matmul(self.drop(torch.softmax(scores, dim=-1)), v).transpose(1, 2).reshape(b, n, HIDDEN)
        x = self.ln1(x + self.drop(self.o(ctx)))
        return self.ln2(x + self.drop(self.out(F.gelu(self.i(x)))))


class Bert(nn.Module):
    def __init__(self, layers, pooling):
        super().__init__()
        self.word = nn.Embedding(30522, HIDDEN)
        self.pos = nn.Embedding(512, HIDDEN)
        self.tok_type = nn.Embedding(2, HIDDEN)
        self.ln = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.layers = nn.ModuleList([Layer() for _ in range(layers)])
        self.pooling = pooling
        self.head_drop = nn.Dropout(0.1)
        self.head = nn.Linear(HIDDEN * (2 if pooling == 'cls+mean' else 1), CLASSES)

    def run_layers(self, x, mask, start, end):
        bias = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
        for layer in self.layers[start:end]:
            x = layer(x, bias)
        return x

    def embed(self, ids):
        pos = torch.arange(ids.shape[1])[None, :]
        return self.ln(self.word(ids) + self.pos(pos) + self.tok_type(torch.zeros_like(ids)))

    def classify(self, h, mask):
        if self.pooling == 'cls':
            pooled = h[:, 0]
        else:
            m = mask[:, :, None].to(h.dtype)
            mean = (h * m).sum(1) / m.sum(1).clamp(min=1.0)
            pooled = mean if self.pooling == 'mean' else torch.cat([h[:, 0], mean], dim=-1)
        return self.head(self.head_drop(pooled))

    def forward(self, ids, mask):
        return self.classify(self.run_layers(self.embed(ids), mask, 0, len(self.layers)), mask)


def load_graph(model, graph_path):
    """Copies the graph's initializers into the torch model. Returns {torch key: (initializer name, transposed)}.
    Bias / LayerNorm / embedding initializers carry Hugging Face names; MatMul weights are anonymous
    (onnx::MatMul_NNN, stored [in, out]) and are found through their MatMul node's name."""
    g = onnx.load(graph_path).graph
    init = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    names, sd = {}, {}

    def put(key, name, transposed=False):
        arr = init[name].T if transposed else init[name]
        sd[key] = torch.from_numpy(np.array(arr, dtype=np.float32))
        names[key] = (name, transposed)

    put('word.weight', 'embeddings.word_embeddings.weight')
    put('pos.weight', 'embeddings.position_embeddings.weight')
    put('tok_type.weight', 'embeddings.token_type_embeddings.weight')
    put('ln.weight', 'embeddings.LayerNorm.weight')
    put('ln.bias', 'embeddings.LayerNorm.bias')
    parts = {'attention.self.query': 'q', 'attention.self.key': 'k', 'attention.self.value': 'v',
             'attention.output.dense': 'o', 'intermediate.dense': 'i', 'output.dense': 'out'}
    for n in range(len(model.layers)):
        p = f'encoder.layer.{n}.'
        for hf, mine in parts.items():
            put(f'layers.{n}.{mine}.bias', p + hf + '.bias')
        put(f'layers.{n}.ln1.weight', p + 'attention.output.LayerNorm.weight')
        put(f'layers.{n}.ln1.bias', p + 'attention.output.LayerNorm.bias')
        put(f'layers.{n}.ln2.weight', p + 'output.LayerNorm.weight')
        put(f'layers.{n}.ln2.bias', p + 'output.LayerNorm.bias')
    for node in g.node:
        weights = [x for x in node.input if x in init]
        if node.op_type != 'MatMul' or not weights:
            continue
        bits = node.name.strip('/').split('/')  # e.g. /encoder/layer.3/attention/self/query/MatMul
        n = int(bits[1].split('.')[1])
        put(f'layers.{n}.{parts[".".join(bits[2:-1])]}.weight', weights[0], transposed=True)
    missing, unexpected = model.load_state_dict(sd, strict=False)
    assert not unexpected, unexpected
    assert all(k.startswith('head') for k in missing), missing
    return names


def read_rows(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


def pad(rows):
    n = max(len(r) for r in rows)
    x = torch.zeros(len(rows), n, dtype=torch.long)
    m = torch.zeros(len(rows), n, dtype=torch.long)
    for i, r in enumerate(rows):
        x[i, :len(r)] = torch.tensor(r)
        m[i, :len(r)] = 1
    return x, m


def pad_hidden(hs):
    n = max(h.shape[0] for h in hs)
    x = torch.zeros(len(hs), n, HIDDEN)
    m = torch.zeros(len(hs), n, dtype=torch.long)
    for i, h in enumerate(hs):
        x[i, :h.shape[0]] = h.float()
        m[i, :h.shape[0]] = 1
    return x, m


def frozen_states(model, ids, upto, size=64):
    """Hidden states after the frozen layers [0, upto) for every row (float16, unpadded)."""
    out = [None] * len(ids)
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    model.eval()
    t0 = time.time()
    with torch.no_grad():
        for s in range(0, len(order), size):
            b = order[s:s + size]
            x, m = pad([ids[i] for i in b])
            h = model.run_layers(model.embed(x), m, 0, upto)
            for j, i in enumerate(b):
                out[i] = h[j, :len(ids[i])].to(torch.float16).clone()
            if (s // size) % 50 == 0:
                log(f'  frozen layers: {s}/{len(ids)} rows ({time.time() - t0:.0f} s)')
    return out


def top_logits(model, hs, start, size=64):
    model.eval()
    order = sorted(range(len(hs)), key=lambda i: hs[i].shape[0])
    out = torch.zeros(len(hs), CLASSES)
    with torch.no_grad():
        for s in range(0, len(order), size):
            b = order[s:s + size]
            x, m = pad_hidden([hs[i] for i in b])
            out[b] = model.classify(model.run_layers(x, m, start, len(model.layers)), m)
    return out


def macro_f1(y, pred):
    f1 = []
    for c in range(CLASSES):
        tp = sum(1 for a, p in zip(y, pred) if a == c and p == c)
        predicted, actual = sum(1 for p in pred if p == c), sum(1 for a in y if a == c)
        prec, rec = (tp / predicted if predicted else 0.0), (tp / actual if actual else 0.0)
        f1.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return float(np.mean(f1)), [round(v, 4) for v in f1]


def balanced_index(y, seed):
    rng = random.Random(seed)
    n = min(y.count(c) for c in range(CLASSES))
    return sorted(i for c in range(CLASSES) for i in rng.sample([i for i, v in enumerate(y) if v == c], n))


def write_safetensors(path, tensors):
    """Hugging Face safetensors: u64 header length, JSON header (padded to 8 bytes), raw little-endian data."""
    header, blobs, offset = {}, [], 0
    for name, arr in tensors.items():
        data = np.ascontiguousarray(arr, dtype='<f2').tobytes()
        header[name] = {'dtype': 'F16', 'shape': list(arr.shape), 'data_offsets': [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header['__metadata__'] = {'format': 'pt', 'written_by': 'feedback-pulse finetune_encoder.py'}
    text = json.dumps(header, separators=(',', ':')).encode('utf-8')
    text += b' ' * (-len(text) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def floats_b64(t):
    return base64.b64encode(np.ascontiguousarray(t.detach().numpy(), dtype='<f4').tobytes()).decode('ascii')


def write_head(path, model):
    size = model.head.in_features
    head = {'pooling': model.pooling,
            'feature_mean': floats_b64(torch.zeros(size)), 'feature_scale': floats_b64(torch.ones(size)),
            'layers': [{'in': size, 'out': CLASSES, 'weights': floats_b64(model.head.weight),
                        'bias': floats_b64(model.head.bias)}]}
    with open(path, 'w') as f:
        json.dump(head, f, indent=2)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--graph', required=True, help='the encoder ONNX graph')
    ap.add_argument('--layers', type=int, default=12)
    ap.add_argument('--train', required=True,
                    help='JSON lines {"ids": [...], "label": 0|1|2} with an optional "weight" (then every row has '
                         'one, and they replace the class weights)')
    ap.add_argument('--validation', required=True,
                    help='same format, with an optional "group" (the source): the epoch is chosen on the mean '
                         'over groups of their class-balanced macro-F1')
    ap.add_argument('--check', required=True, help='JSON lines {"ids": [...]}: rows whose logits are reported')
    ap.add_argument('--out', required=True)
    ap.add_argument('--work', required=True)
    ap.add_argument('--top-layers', type=int, default=4)
    ap.add_argument('--epochs', type=int, default=4)
    ap.add_argument('--lr', type=float, default=4e-5)
    ap.add_argument('--head-lr', type=float, default=1e-3)
    ap.add_argument('--batch', type=int, default=32)
    ap.add_argument('--pooling', default='cls', choices=['cls', 'mean', 'cls+mean'])
    ap.add_argument('--seed', type=int, default=20261129)
    ap.add_argument('--threads', type=int, default=os.cpu_count())
    args = ap.parse_args()

    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    os.makedirs(args.work, exist_ok=True)
    t_start = time.time()

    model = Bert(args.layers, args.pooling)
    names = load_graph(model, args.graph)
    train, val, check = read_rows(args.train), read_rows(args.validation), read_rows(args.check)
    tr_ids, va_ids = [r['ids'] for r in train], [r['ids'] for r in val]
    ytr = torch.tensor([r['label'] for r in train])
    yva = [r['label'] for r in val]
    log(f'train {len(train)} rows (classes {torch.bincount(ytr, minlength=CLASSES).tolist()}), '
        f'validation {len(val)}; fine-tuning layers {args.layers - args.top_layers}..{args.layers - 1} and the head')

    start = args.layers - args.top_layers
    hs = frozen_states(model, tr_ids + va_ids, start)
    tr_h, va_h = hs[:len(train)], hs[len(train):]

    for p in model.parameters():
        p.requires_grad = False
    top = [p for layer in model.layers[start:] for p in layer.parameters()]
    head = list(model.head.parameters())
    for p in top + head:
        p.requires_grad = True
    opt = torch.optim.AdamW([{'params': top, 'lr': args.lr}, {'params': head, 'lr': args.head_lr}],
                            weight_decay=0.01)
    counts = torch.bincount(ytr, minlength=CLASSES).float()
    class_weights = counts.sum() / (CLASSES * counts)
    # per-row weights (several sources: the caller balances sources and classes) replace the class weights
    row_weights = torch.tensor([r['weight'] for r in train]) if 'weight' in train[0] else None
    groups = [r.get('group', 0) for r in val]
    total = math.ceil(len(train) / args.batch) * args.epochs
    warm = int(0.06 * total)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: (s + 1) / max(1, warm) if s < warm else max(0.0, (total - s) / max(1, total - warm)))

    val_bal = balanced_index(yva, args.seed)
    rng = random.Random(args.seed)
    best, best_state, best_epoch, history = -1.0, None, 0, []
    for epoch in range(1, args.epochs + 1):
        # batches of similar length (sorted within shuffled chunks), in shuffled order
        order = list(range(len(train)))
        rng.shuffle(order)
        chunk = args.batch * 50
        order = [i for s in range(0, len(order), chunk)
                 for i in sorted(order[s:s + chunk], key=lambda i: tr_h[i].shape[0])]
        batches = [order[s:s + args.batch] for s in range(0, len(order), args.batch)]
        rng.shuffle(batches)
        model.train()
        t0, loss_sum = time.time(), 0.0
        for n, b in enumerate(batches):
            x, m = pad_hidden([tr_h[i] for i in b])
            logits = model.classify(model.run_layers(x, m, start, args.layers), m)
            if row_weights is None:
                loss = F.cross_entropy(logits, ytr[b], weight=class_weights)
            else:
                w = row_weights[b]
                loss = (F.cross_entropy(logits, ytr[b], reduction='none') * w).sum() / w.sum()
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(top + head, 1.0)
            opt.step()
            sched.step()
            loss_sum += loss.item()
            if n % 100 == 0:
                log(f'  epoch {epoch}: batch {n}/{len(batches)}, loss {loss_sum / (n + 1):.4f} ({time.time() - t0:.0f} s)')
        pred = top_logits(model, va_h, start).argmax(1).tolist()
        natural, natural_f1 = macro_f1(yva, pred)
        balanced, balanced_f1 = macro_f1([yva[i] for i in val_bal], [pred[i] for i in val_bal])
        if len(set(groups)) > 1:
            # several sources: each source's balanced macro-F1 counts the same, whatever its size
            per_group = []
            for g in sorted(set(groups)):
                idx = [i for i in range(len(yva)) if groups[i] == g]
                yg = [yva[i] for i in idx]
                bal = [idx[j] for j in balanced_index(yg, args.seed)] if min(yg.count(c) for c in range(CLASSES)) else idx
                per_group.append(macro_f1([yva[i] for i in bal], [pred[i] for i in bal])[0])
            balanced = float(np.mean(per_group))
            balanced_f1 = [round(v, 4) for v in per_group]
        history.append({'epoch': epoch, 'train_loss': round(loss_sum / len(batches), 4),
                        'validation_balanced_macro_f1': round(balanced, 4), 'validation_balanced_f1': balanced_f1,
                        'validation_natural_macro_f1': round(natural, 4), 'seconds': round(time.time() - t0)})
        log(f'epoch {epoch}: loss {loss_sum / len(batches):.4f}, validation macro-F1 balanced {balanced:.4f} '
            f'(F1 {balanced_f1}), natural {natural:.4f}')
        if balanced > best:
            best, best_epoch = balanced, epoch
            best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    model.eval()

    # ship the fine-tuned layers as float16 and report logits computed with exactly those values
    tensors = {}
    with torch.no_grad():
        for key, param in model.state_dict().items():
            if key.startswith('layers.') and int(key.split('.')[1]) >= start:
                param.copy_(param.half().float())
                name, transposed = names[key]
                tensors[name] = (param.T if transposed else param).numpy()
        x, m = pad([r['ids'] for r in check])
        check_logits = model(x, m).tolist()
    write_safetensors(os.path.join(args.out, 'encoder-weights.safetensors'), tensors)
    write_head(os.path.join(args.out, 'head.json'), model)
    result = {'best_epoch': best_epoch, 'validation_balanced_macro_f1': round(best, 4), 'history': history,
              'fine_tuned_tensors': len(tensors), 'seconds': round(time.time() - t_start),
              'check_logits': check_logits}
    with open(os.path.join(args.work, 'history.json'), 'w') as f:
        json.dump(result, f, indent=2)
    log(f'best epoch {best_epoch} (validation balanced macro-F1 {best:.4f}); {time.time() - t_start:.0f} s in all')
    print(json.dumps(result), flush=True)


if __name__ == '__main__':
    main()
