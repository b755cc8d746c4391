package io.feedbackpulse.training;

import io.feedbackpulse.inference.ClassificationHead;
import io.feedbackpulse.inference.Pooling;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.inference.Softmax;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CancellationException;

/**
 * Trains a {@link ClassificationHead} on pooled encoder features with class-weighted cross-entropy
 * and Adam, seeded; keeps the epoch that scores the best class-balanced macro-F1 on a validation set.
 */
public final class HeadTrainer {

  /**
   * @param hidden units of the hidden ReLU layer; 0 trains a softmax regression
   * @param weightDecay L2 penalty on the weights
   * @param dropout dropout on the hidden layer while training
   */
  public record HeadTrainingOptions(int hidden, int epochs, int batchSize, double learningRate, double weightDecay,
      double dropout, long seed) {}

  /** The trained head and the validation macro-F1 it reached. */
  public record Result(ClassificationHead head, int bestEpoch, double validationMacroF1) {}

  private final HeadTrainingOptions settings;

  public HeadTrainer(HeadTrainingOptions settings) {
    this.settings = settings;
  }

  public Result train(Pooling pooling, List<float[]> trainX, List<Sentiment> trainY, List<float[]> validX,
      List<Sentiment> validY) {
    return train(pooling, trainX, trainY, validX, validY, Optional.empty());
  }

  /**
   * @param start a head to start from (warm start): its weights and its standardization of the features, which
   *     its weights were fitted to; it must have the shape these options give ({@link #fits}). Empty: random
   *     weights and the training features' own standardization.
   */
  public Result train(Pooling pooling, List<float[]> trainX, List<Sentiment> trainY, List<float[]> validX,
      List<Sentiment> validY, Optional<ClassificationHead> start) {
    int in = trainX.get(0).length;
    if (start.isPresent() && !fits(start.get(), in)) {
      throw new IllegalArgumentException("a warm start needs a head of " + in + " features, "
          + (settings.hidden() > 0 ? settings.hidden() + " hidden units and " : "no hidden layer and ")
          + "3 classes");
    }
    float[] mean = start.map(ClassificationHead::featureMean).orElseGet(() -> new float[in]);
    float[] scale = start.map(ClassificationHead::featureScale).orElseGet(() -> new float[in]);
    if (start.isEmpty()) {
      standardization(trainX, mean, scale);
    }
    double[][] x = standardize(trainX, mean, scale);
    double[][] vx = standardize(validX, mean, scale);
    int[] y = trainY.stream().mapToInt(Sentiment::index).toArray();
    double[] classWeight = classWeights(y);

    Random random = new Random(settings.seed());
    Network net = start.map(Network::of).orElseGet(() -> new Network(in, settings.hidden(), 3, random));
    Network best = net.copy();
    double bestF1 = -1;
    int bestEpoch = 0;
    int[] order = new int[x.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
      // a caller that gave up (a time budget, a cancelled pipeline run) interrupts: stop at the next epoch
      if (Thread.currentThread().isInterrupted()) {
        throw new CancellationException("head training interrupted before epoch " + epoch);
      }
      shuffle(order, random);
      for (int from = 0; from < order.length; from += settings.batchSize()) {
        int to = Math.min(order.length, from + settings.batchSize());
        net.step(x, y, classWeight, order, from, to, settings, random);
      }
      List<Sentiment> predicted = new ArrayList<>(vx.length);
      for (double[] row : vx) {
        predicted.add(Sentiment.values()[argmax(net.forward(row, null, null, 0, random))]);
      }
      double f1 = ClassificationReport.of(validY, predicted).balancedMacroF1();
      if (f1 > bestF1) {
        bestF1 = f1;
        bestEpoch = epoch;
        best = net.copy();
      }
    }
    double[] offsets = calibrateClassOffsets(best, vx, validY, random);
    best.addToOutputBias(offsets);
    double calibrated = balancedF1(best, vx, validY, random);
    return new Result(best.toHead(pooling, mean, scale), bestEpoch, calibrated);
  }

  /** Whether training with these options can start from {@code head} on {@code features} features. */
  public boolean fits(ClassificationHead head, int features) {
    List<ClassificationHead.Dense> layers = head.layers();
    boolean shaped = settings.hidden() > 0
        ? layers.size() == 2 && layers.get(0).out() == settings.hidden()
        : layers.size() == 1;
    return shaped && head.featureSize() == features && head.classCount() == 3;
  }

  /**
   * Additive offsets to the negative and neutral logits that maximize the validation's
   * class-balanced macro-F1: class weighting balances the loss, not the decision.
   */
  private static double[] calibrateClassOffsets(Network net, double[][] vx, List<Sentiment> vy, Random random) {
    double[][] logits = new double[vx.length][];
    for (int i = 0; i < vx.length; i++) {
      logits[i] = net.forward(vx[i], null, null, 0, random);
    }
    double[] best = new double[3];
    double bestF1 = -1;
    for (double neg = -1; neg <= 1.0001; neg += 0.05) {
      for (double neu = -1; neu <= 1.0001; neu += 0.05) {
        List<Sentiment> predicted = new ArrayList<>(vx.length);
        for (double[] l : logits) {
          predicted.add(Sentiment.values()[argmax(new double[] {l[0] + neg, l[1] + neu, l[2]})]);
        }
        double f1 = ClassificationReport.of(vy, predicted).balancedMacroF1();
        if (f1 > bestF1 + 1e-9) {
          bestF1 = f1;
          best = new double[] {neg, neu, 0};
        }
      }
    }
    return best;
  }

  private static double balancedF1(Network net, double[][] vx, List<Sentiment> vy, Random random) {
    List<Sentiment> predicted = new ArrayList<>(vx.length);
    for (double[] row : vx) {
      predicted.add(Sentiment.values()[argmax(net.forward(row, null, null, 0, random))]);
    }
    return ClassificationReport.of(vy, predicted).balancedMacroF1();
  }

  private static void standardization(List<float[]> rows, float[] mean, float[] scale) {
    int in = mean.length;
    double[] sum = new double[in];
    double[] sq = new double[in];
    for (float[] r : rows) {
      for (int i = 0; i < in; i++) {
        sum[i] += r[i];
        sq[i] += (double) r[i] * r[i];
      }
    }
    for (int i = 0; i < in; i++) {
      double m = sum[i] / rows.size();
      double var = Math.max(1e-12, sq[i] / rows.size() - m * m);
      mean[i] = (float) m;
      scale[i] = (float) Math.sqrt(var);
    }
  }

  private static double[][] standardize(List<float[]> rows, float[] mean, float[] scale) {
    double[][] out = new double[rows.size()][];
    for (int r = 0; r < out.length; r++) {
      float[] row = rows.get(r);
      double[] z = new double[row.length];
      for (int i = 0; i < z.length; i++) {
        z[i] = (row[i] - mean[i]) / scale[i];
      }
      out[r] = z;
    }
    return out;
  }

  /** Inverse class frequency, normalized so that the weights average 1 over the samples. */
  private static double[] classWeights(int[] y) {
    double[] count = new double[3];
    for (int c : y) {
      count[c]++;
    }
    double[] w = new double[3];
    for (int c = 0; c < 3; c++) {
      w[c] = count[c] == 0 ? 0 : y.length / (3.0 * count[c]);
    }
    return w;
  }

  static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  private static void shuffle(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Dense layers with Adam state. */
  private static final class Network {
    private final List<Layer> layers = new ArrayList<>();
    private int step;

    Network(int in, int hidden, int out, Random random) {
      if (hidden > 0) {
        layers.add(new Layer(in, hidden, random));
        layers.add(new Layer(hidden, out, random));
      } else {
        layers.add(new Layer(in, out, random));
      }
    }

    private Network(List<Layer> copied, int step) {
      layers.addAll(copied);
      this.step = step;
    }

    /** A network with a trained head's weights, its optimizer state fresh. */
    static Network of(ClassificationHead head) {
      return new Network(head.layers().stream().map(Layer::of).toList(), 0);
    }

    Network copy() {
      return new Network(layers.stream().map(Layer::copy).toList(), step);
    }

    /** Forward pass; when {@code activations} is given, records each layer's input for backprop. */
    double[] forward(double[] x, List<double[]> activations, List<boolean[]> dropped, double dropout,
        Random random) {
      double[] a = x;
      for (int l = 0; l < layers.size(); l++) {
        if (activations != null) {
          activations.add(a);
        }
        a = layers.get(l).apply(a);
        if (l < layers.size() - 1) {
          boolean[] mask = new boolean[a.length];
          for (int i = 0; i < a.length; i++) {
            a[i] = Math.max(0, a[i]);
            if (dropped != null && random.nextDouble() < dropout) {
              mask[i] = true;
              a[i] = 0;
            } else if (dropped != null) {
              a[i] /= (1 - dropout);
            }
          }
          if (dropped != null) {
            dropped.add(mask);
          }
        }
      }
      return a;
    }

    void step(double[][] x, int[] y, double[] classWeight, int[] order, int from, int to, HeadTrainingOptions s,
        Random random) {
      for (Layer l : layers) {
        l.zeroGrad();
      }
      double batchWeight = 0;
      for (int k = from; k < to; k++) {
        int i = order[k];
        List<double[]> acts = new ArrayList<>();
        List<boolean[]> dropped = new ArrayList<>();
        double[] logits = forward(x[i], acts, dropped, s.dropout(), random);
        double[] p = Softmax.of(logits);
        double w = classWeight[y[i]];
        batchWeight += w;
        double[] delta = new double[p.length];
        for (int c = 0; c < p.length; c++) {
          delta[c] = w * (p[c] - (c == y[i] ? 1 : 0));
        }
        for (int l = layers.size() - 1; l >= 0; l--) {
          double[] input = acts.get(l);
          double[] back = layers.get(l).accumulate(input, delta, l > 0);
          if (l > 0) {
            double[] prevOut = acts.get(l);
            boolean[] mask = dropped.get(l - 1);
            for (int j = 0; j < back.length; j++) {
              back[j] = prevOut[j] <= 0 || mask[j] ? 0 : back[j] / (1 - s.dropout());
            }
          }
          delta = back;
        }
      }
      step++;
      for (Layer l : layers) {
        l.adam(batchWeight, s.learningRate(), s.weightDecay(), step);
      }
    }

    void addToOutputBias(double[] offsets) {
      Layer last = layers.get(layers.size() - 1);
      for (int i = 0; i < offsets.length; i++) {
        last.b[i] += offsets[i];
      }
    }

    ClassificationHead toHead(Pooling pooling, float[] mean, float[] scale) {
      return new ClassificationHead(pooling, mean, scale,
          layers.stream().map(Layer::toDense).toList());
    }
  }

  private static final class Layer {
    final int in;
    final int out;
    final double[] w;
    final double[] b;
    final double[] gw;
    final double[] gb;
    final double[] mw;
    final double[] vw;
    final double[] mb;
    final double[] vb;

    Layer(int in, int out, Random random) {
      this(in, out, new double[in * out], new double[out]);
      double limit = Math.sqrt(6.0 / (in + out));
      for (int i = 0; i < w.length; i++) {
        w[i] = (random.nextDouble() * 2 - 1) * limit;
      }
    }

    private Layer(int in, int out, double[] w, double[] b) {
      this.in = in;
      this.out = out;
      this.w = w;
      this.b = b;
      this.gw = new double[w.length];
      this.gb = new double[b.length];
      this.mw = new double[w.length];
      this.vw = new double[w.length];
      this.mb = new double[b.length];
      this.vb = new double[b.length];
    }

    static Layer of(ClassificationHead.Dense dense) {
      double[] w = new double[dense.weights().length];
      double[] b = new double[dense.bias().length];
      for (int i = 0; i < w.length; i++) {
        w[i] = dense.weights()[i];
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = dense.bias()[i];
      }
      return new Layer(dense.in(), dense.out(), w, b);
    }

    Layer copy() {
      Layer c = new Layer(in, out, w.clone(), b.clone());
      System.arraycopy(mw, 0, c.mw, 0, mw.length);
      System.arraycopy(vw, 0, c.vw, 0, vw.length);
      System.arraycopy(mb, 0, c.mb, 0, mb.length);
      System.arraycopy(vb, 0, c.vb, 0, vb.length);
      return c;
    }

    double[] apply(double[] x) {
      double[] y = new double[out];
      for (int o = 0; o < out; o++) {
        double s = b[o];
        int row = o * in;
        for (int i = 0; i < in; i++) {
          s += w[row + i] * x[i];
        }
        y[o] = s;
      }
      return y;
    }

    void zeroGrad() {
      Arrays.fill(gw, 0);
      Arrays.fill(gb, 0);
    }

    double[] accumulate(double[] input, double[] delta, boolean needBack) {
      double[] back = needBack ? new double[in] : null;
      for (int o = 0; o < out; o++) {
        double d = delta[o];
        if (d == 0) {
          continue;
        }
        gb[o] += d;
        int row = o * in;
        for (int i = 0; i < in; i++) {
          gw[row + i] += d * input[i];
          if (needBack) {
            back[i] += d * w[row + i];
          }
        }
      }
      return back;
    }

    void adam(double batchWeight, double lr, double decay, int t) {
      double b1 = 0.9;
      double b2 = 0.999;
      double c1 = 1 - Math.pow(b1, t);
      double c2 = 1 - Math.pow(b2, t);
      for (int i = 0; i < w.length; i++) {
        double g = gw[i] / batchWeight + decay * w[i];
        mw[i] = b1 * mw[i] + (1 - b1) * g;
        vw[i] = b2 * vw[i] + (1 - b2) * g * g;
        w[i] -= lr * (mw[i] / c1) / (Math.sqrt(vw[i] / c2) + 1e-8);
      }
      for (int i = 0; i < b.length; i++) {
        double g = gb[i] / batchWeight;
        mb[i] = b1 * mb[i] + (1 - b1) * g;
        vb[i] = b2 * vb[i] + (1 - b2) * g * g;
        b[i] -= lr * (mb[i] / c1) / (Math.sqrt(vb[i] / c2) + 1e-8);
      }
    }

    ClassificationHead.Dense toDense() {
      float[] fw = new float[w.length];
      float[] fb = new float[b.length];
      for (int i = 0; i < w.length; i++) {
        fw[i] = (float) w[i];
      }
      for (int i = 0; i < b.length; i++) {
        fb[i] = (float) b[i];
      }
      return new ClassificationHead.Dense(in, out, fw, fb);
    }
  }
}
