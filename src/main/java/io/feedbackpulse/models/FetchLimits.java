package io.feedbackpulse.models;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;
import java.io.IOException;

/**
 * How much a model archive may unpack to: {@code models.fetch.max-bytes} in all (the download itself too),
 * {@code models.fetch.max-entries} entries and {@code models.fetch.max-entry-bytes} in one file. An archive is a few
 * megabytes of gzip that can stand for gigabytes of zeros; these bound the disk a registry record can fill.
 */
public record FetchLimits(long maxBytes, long maxEntries, long maxEntryBytes) {
  public static final FetchLimits DEFAULT = new FetchLimits(1L << 30, 1000, 1L << 30);

  public FetchLimits {
    if (maxBytes <= 0 || maxEntries <= 0 || maxEntryBytes <= 0) {
      throw new IllegalArgumentException("fetch limits must be positive");
    }
  }

  public static FetchLimits from(Settings settings) {
    return new FetchLimits(positive(settings, "models.fetch.max-bytes"),
        positive(settings, "models.fetch.max-entries"), positive(settings, "models.fetch.max-entry-bytes"));
  }

  private static long positive(Settings settings, String key) {
    long value = settings.wholeNumber(key);
    if (value <= 0) {
      throw new SettingsException(key + " must be above 0, got " + value);
    }
    return value;
  }

  /** An archive over a limit; the message names the limit's setting. */
  public static final class Exceeded extends IOException {
    Exceeded(String message) {
      super(message);
    }
  }

  void checkEntries(long entries) throws Exceeded {
    if (entries > maxEntries) {
      throw new Exceeded("archive holds more than " + maxEntries + " entries (models.fetch.max-entries)");
    }
  }

  void checkEntry(String name, long size) throws Exceeded {
    if (size > maxEntryBytes) {
      throw new Exceeded("archive entry " + name + " is " + size + " bytes, over " + maxEntryBytes
          + " (models.fetch.max-entry-bytes)");
    }
  }

  void checkTotal(long unpacked) throws Exceeded {
    if (unpacked > maxBytes) {
      throw new Exceeded("archive unpacks to more than " + maxBytes + " bytes (models.fetch.max-bytes)");
    }
  }

  void checkDownload(long downloaded) throws Exceeded {
    if (downloaded > maxBytes) {
      throw new Exceeded("download is more than " + maxBytes + " bytes (models.fetch.max-bytes)");
    }
  }
}
