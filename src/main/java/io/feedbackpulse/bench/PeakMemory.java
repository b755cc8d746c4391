package io.feedbackpulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's peak resident memory (VmHWM in /proc/self/status: Java heap, native ONNX Runtime, all). */
public final class PeakMemory {
  private PeakMemory() {}

  /** In MiB; -1 where /proc is not there (not Linux). */
  public static double mebibytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
