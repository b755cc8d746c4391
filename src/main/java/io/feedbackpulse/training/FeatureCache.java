package io.feedbackpulse.training;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps encoder features on disk, keyed by a hash of the texts and the encoder settings, so that
 * retraining a head does not re-run the encoder.
 */
public final class FeatureCache {
  private final Path dir;

  public FeatureCache(Path dir) {
    this.dir = dir;
  }

  public List<float[]> getOrCompute(String encoderKey, List<String> texts, Function<List<String>, List<float[]>> encode)
      throws IOException {
    Path file = dir.resolve(key(encoderKey, texts) + ".features");
    Optional<List<float[]>> cached = read(file, texts.size());
    if (cached.isPresent()) {
      return cached.get();
    }
    List<float[]> features = encode.apply(texts);
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "features", ".tmp");
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
      out.writeInt(features.size());
      out.writeInt(features.get(0).length);
      for (float[] f : features) {
        for (float v : f) {
          out.writeFloat(v);
        }
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    return features;
  }

  private static Optional<List<float[]>> read(Path file, int expectedRows) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
      int rows = in.readInt();
      int cols = in.readInt();
      if (rows != expectedRows) {
        return Optional.empty();
      }
      List<float[]> out = new ArrayList<>(rows);
      for (int r = 0; r < rows; r++) {
        float[] f = new float[cols];
        for (int c = 0; c < cols; c++) {
          f[c] = in.readFloat();
        }
        out.add(f);
      }
      return Optional.of(out);
    }
  }

  private static String key(String encoderKey, List<String> texts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(encoderKey.getBytes(StandardCharsets.UTF_8));
      for (String t : texts) {
        digest.update(t.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
