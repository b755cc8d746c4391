package io.feedbackpulse.bench;

import io.feedbackpulse.ingest.LanguageIdentifier;
import java.util.List;

/** What language detection adds to each item at ingest: the detector alone, one thread, over the bench's texts. */
public final class LanguageDetectionBench {

  /** @param loadMillis loading the detector's profiles, once per JVM (0 when something loaded them earlier) */
  public record Result(int items, double microsPerItem, long loadMillis) {}

  private LanguageDetectionBench() {}

  /** @param passes timed passes over the texts, after one untimed pass that lets the JIT compile the detector */
  public static Result run(List<String> texts, int passes) {
    long loadStart = System.nanoTime();
    LanguageIdentifier languages = LanguageIdentifier.builtIn();
    long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;
    int sink = 0;
    for (String text : texts) {
      sink += languages.identify(text).length();
    }
    long start = System.nanoTime();
    for (int pass = 0; pass < passes; pass++) {
      for (String text : texts) {
        sink += languages.identify(text).length();
      }
    }
    int items = texts.size() * passes;
    double micros = (System.nanoTime() - start) / 1000.0 / items;
    if (sink == 0) {
      throw new IllegalStateException("no language codes came back");
    }
    return new Result(items, micros, loadMillis);
  }
}
