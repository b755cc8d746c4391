package io.feedbackpulse.reasons;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * A taxonomy's embeddings on disk, one file per list of texts (named by a hash of the encoder and the texts), so that
 * measuring a large taxonomy again does not encode its examples again.
 */
public final class EmbeddingCache {
  private final Path dir;

  public EmbeddingCache(Path dir) {
    this.dir = dir;
  }

  /** The texts' embeddings from the cache, else from the embedder (and then kept). */
  public List<float[]> embed(SentenceEmbedder embedder, List<String> texts) {
    Path file = dir.resolve(key(texts) + ".embeddings");
    try {
      Optional<List<float[]>> cached = read(file, texts.size());
      if (cached.isPresent()) {
        return cached.get();
      }
      List<float[]> embedded = embedder.embed(texts);
      write(file, embedded);
      return embedded;
    } catch (IOException e) {
      throw new UncheckedIOException("embedding cache " + dir + ": " + e.getMessage(), e);
    }
  }

  private void write(Path file, List<float[]> embedded) throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "embeddings", ".tmp");
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
      out.writeInt(embedded.size());
      out.writeInt(embedded.isEmpty() ? 0 : embedded.get(0).length);
      for (float[] v : embedded) {
        for (float x : v) {
          out.writeFloat(x);
        }
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
  }

  private static Optional<List<float[]>> read(Path file, int rows) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != rows) {
        return Optional.empty();
      }
      int dims = in.readInt();
      List<float[]> out = new ArrayList<>(rows);
      for (int r = 0; r < rows; r++) {
        float[] v = new float[dims];
        for (int d = 0; d < dims; d++) {
          v[d] = in.readFloat();
        }
        out.add(v);
      }
      return Optional.of(out);
    }
  }

  private static String key(List<String> texts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((SentenceEmbedder.BGE_MODEL + "|cls|" + SentenceEmbedder.MAX_LENGTH).getBytes(StandardCharsets.UTF_8));
      for (String t : texts) {
        digest.update(t.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
