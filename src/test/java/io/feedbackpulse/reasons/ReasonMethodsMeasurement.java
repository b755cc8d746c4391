package io.feedbackpulse.reasons;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.feedbackpulse.inference.InferenceOptions;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Which way of scoring reasons is better, measured on banking77 (Casanueva et al., 2020, CC BY 4.0): descriptions
 * as queries or plain, few-shot by the nearest example or by class centroids, with or without the description.
 * Accuracy of the top reason on test.csv. Run: java -cp target/classes:target/test-classes:target/feedback-pulse.jar
 * io.feedbackpulse.reasons.ReasonMethodsMeasurement ../shared/data/reasons/banking77 docs/reasons/banking77.json
 */
public final class ReasonMethodsMeasurement {
  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    ReasonTaxonomy taxonomy = ReasonTaxonomy.read(Path.of(args[1]));
    Path cache = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "reason-measurement"));
    List<String[]> test = rows(data.resolve("test.csv"));
    List<String[]> train = rows(data.resolve("train.csv"));
    List<String> names = taxonomy.names();
    try (SentenceEmbedder embedder = SentenceEmbedder.bge(InferenceOptions.DEFAULT.withMaxBatchRows(32))) {
      long t0 = System.nanoTime();
      List<float[]> testX = cached(cache, "test", embedder, test.stream().map(r -> r[0]).toList());
      System.out.printf("test embedded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      t0 = System.nanoTime();
      List<float[]> trainX = cached(cache, "train", embedder, train.stream().map(r -> r[0]).toList());
      System.out.printf("train embedded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      List<float[]> plain = embedder.embed(taxonomy.reasons().stream().map(Reason::description).toList());
      List<float[]> query = embedder.embed(taxonomy.reasons().stream()
          .map(r -> SentenceEmbedder.BGE_QUERY_INSTRUCTION + r.description()).toList());
      int[] truth = test.stream().mapToInt(r -> names.indexOf(r[1])).toArray();
      System.out.printf("zero-shot plain descriptions: %.4f%n", accuracy(testX, truth, one(plain)));
      System.out.printf("zero-shot query descriptions: %.4f%n", accuracy(testX, truth, one(query)));
      List<float[]> queryTexts = cached(cache, "test-query", embedder,
          test.stream().map(r -> SentenceEmbedder.BGE_QUERY_INSTRUCTION + r[0]).toList());
      System.out.printf("zero-shot texts as queries, plain descriptions: %.4f%n", accuracy(queryTexts, truth, one(plain)));
      for (int k : new int[] {10, 0}) {
        for (long seed = 1; seed <= (k == 0 ? 1 : 3); seed++) {
          Map<Integer, List<float[]>> examples = draw(train, trainX, names, k, seed);
          System.out.printf(Locale.ROOT, "k=%s seed %d: nearest %.4f, nearest+desc %.4f, centroid %.4f, "
                  + "centroid+desc %.4f, top3mean %.4f%n", k == 0 ? "all" : k, seed,
              accuracy(testX, truth, nearest(examples, null)), accuracy(testX, truth, nearest(examples, plain)),
              accuracy(testX, truth, centroid(examples, null)), accuracy(testX, truth, centroid(examples, plain)),
              accuracy(testX, truth, topMean(examples, 3, null)));
          System.out.printf(Locale.ROOT, "  mean of the k nearest of description and examples: k=1 %.4f, k=3 %.4f, "
                  + "k=5 %.4f%n", accuracy(testX, truth, topMean(examples, 1, plain)),
              accuracy(testX, truth, topMean(examples, 3, plain)), accuracy(testX, truth, topMean(examples, 5, plain)));
        }
      }
    }
  }

  interface Scorer {
    double[] scores(float[] x);
  }

  static Scorer one(List<float[]> anchors) {
    return x -> anchors.stream().mapToDouble(a -> SentenceEmbedder.dot(x, a)).toArray();
  }

  static Scorer nearest(Map<Integer, List<float[]>> examples, List<float[]> descriptions) {
    return x -> {
      double[] s = new double[examples.size()];
      for (int r = 0; r < s.length; r++) {
        double best = descriptions == null ? -1 : SentenceEmbedder.dot(x, descriptions.get(r));
        for (float[] e : examples.get(r)) {
          best = Math.max(best, SentenceEmbedder.dot(x, e));
        }
        s[r] = best;
      }
      return s;
    };
  }

  static Scorer topMean(Map<Integer, List<float[]>> examples, int k, List<float[]> descriptions) {
    return x -> {
      double[] s = new double[examples.size()];
      for (int r = 0; r < s.length; r++) {
        List<float[]> anchors = new ArrayList<>(examples.get(r));
        if (descriptions != null) {
          anchors.add(descriptions.get(r));
        }
        double[] sims = anchors.stream().mapToDouble(e -> SentenceEmbedder.dot(x, e)).sorted().toArray();
        double sum = 0;
        int n = Math.min(k, sims.length);
        for (int i = 0; i < n; i++) {
          sum += sims[sims.length - 1 - i];
        }
        s[r] = sum / n;
      }
      return s;
    };
  }

  static Scorer centroid(Map<Integer, List<float[]>> examples, List<float[]> descriptions) {
    List<float[]> centroids = new ArrayList<>();
    for (int r = 0; r < examples.size(); r++) {
      List<float[]> members = new ArrayList<>(examples.get(r));
      if (descriptions != null) {
        members.add(descriptions.get(r));
      }
      float[] c = new float[members.get(0).length];
      for (float[] m : members) {
        for (int i = 0; i < c.length; i++) {
          c[i] += m[i];
        }
      }
      centroids.add(SentenceEmbedder.normalized(c));
    }
    return one(centroids);
  }

  static double accuracy(List<float[]> x, int[] truth, Scorer scorer) {
    int right = 0;
    for (int i = 0; i < x.size(); i++) {
      double[] s = scorer.scores(x.get(i));
      int best = 0;
      for (int r = 1; r < s.length; r++) {
        if (s[r] > s[best]) {
          best = r;
        }
      }
      right += best == truth[i] ? 1 : 0;
    }
    return (double) right / x.size();
  }

  static Map<Integer, List<float[]>> draw(List<String[]> train, List<float[]> trainX, List<String> names, int k,
      long seed) {
    Map<Integer, List<Integer>> byReason = new LinkedHashMap<>();
    for (int i = 0; i < train.size(); i++) {
      byReason.computeIfAbsent(names.indexOf(train.get(i)[1]), r -> new ArrayList<>()).add(i);
    }
    Map<Integer, List<float[]>> out = new LinkedHashMap<>();
    Random random = new Random(seed);
    for (int r = 0; r < names.size(); r++) {
      List<Integer> rows = new ArrayList<>(byReason.get(r));
      Collections.shuffle(rows, random);
      List<float[]> chosen = new ArrayList<>();
      for (int i : rows.subList(0, k == 0 ? rows.size() : Math.min(k, rows.size()))) {
        chosen.add(trainX.get(i));
      }
      out.put(r, chosen);
    }
    return out;
  }

  static List<String[]> rows(Path csv) throws IOException {
    List<String[]> out = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
      while (it.hasNext()) {
        Map<String, String> row = it.next();
        out.add(new String[] {row.get("text"), row.get("category")});
      }
    }
    return out;
  }

  static List<float[]> cached(Path dir, String name, SentenceEmbedder embedder, List<String> texts) throws IOException {
    Path file = dir.resolve(name + "-" + Integer.toHexString(texts.hashCode()) + ".f32");
    if (Files.exists(file)) {
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
        int n = in.readInt();
        int d = in.readInt();
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          float[] v = new float[d];
          for (int j = 0; j < d; j++) {
            v[j] = in.readFloat();
          }
          out.add(v);
        }
        return out;
      }
    }
    List<float[]> out = embedder.embed(texts);
    try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      o.writeInt(out.size());
      o.writeInt(out.get(0).length);
      for (float[] v : out) {
        for (float f : v) {
          o.writeFloat(f);
        }
      }
    }
    return out;
  }
}
