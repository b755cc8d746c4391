package io.feedbackpulse.inference;

import io.feedbackpulse.onnx.ModelCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a model directory lives: a folder on disk, or a folder on the classpath ({@code
 * classpath:/models/default}). File references inside it are names relative to it, or {@code
 * classpath:/...} for a file elsewhere on the classpath (how the default model names the encoder
 * that comes in a Maven dependency).
 */
public final class ModelSource {
  private static final String CLASSPATH = "classpath:";
  private final String location;

  private ModelSource(String location) {
    this.location = location;
  }

  public static ModelSource of(String location) {
    return new ModelSource(location);
  }

  public String location() {
    return location;
  }

  public boolean exists(String reference) {
    String resolved = resolve(reference);
    if (resolved.startsWith(CLASSPATH)) {
      return ModelSource.class.getResource(classpathName(resolved)) != null;
    }
    return Files.isRegularFile(Path.of(resolved));
  }

  public InputStream open(String reference) {
    String resolved = resolve(reference);
    try {
      if (resolved.startsWith(CLASSPATH)) {
        InputStream in = ModelSource.class.getResourceAsStream(classpathName(resolved));
        if (in == null) {
          throw new ModelLoadException(missing(reference));
        }
        return in;
      }
      Path path = Path.of(resolved);
      if (!Files.isRegularFile(path)) {
        throw new ModelLoadException(missing(reference));
      }
      return Files.newInputStream(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resolved, e);
    }
  }

  /**
   * The referenced file on disk, for ONNX Runtime to read natively instead of through the heap. A
   * classpath file is copied once into {@link #cacheDirectory()} and reused while its size matches.
   */
  public Path file(String reference) {
    String resolved = resolve(reference);
    if (!resolved.startsWith(CLASSPATH)) {
      Path path = Path.of(resolved);
      if (!Files.isRegularFile(path)) {
        throw new ModelLoadException(missing(reference));
      }
      return path;
    }
    URL url = ModelSource.class.getResource(classpathName(resolved));
    if (url == null) {
      throw new ModelLoadException(missing(reference));
    }
    try {
      long size = url.openConnection().getContentLengthLong();
      Path dir = Files.createDirectories(cacheDirectory());
      Path target = dir.resolve(classpathName(resolved).substring(1).replaceAll("[^A-Za-z0-9._-]", "_"));
      if (Files.isRegularFile(target) && size >= 0 && Files.size(target) == size) {
        return target;
      }
      Path partial = Files.createTempFile(dir, "extract", ".part");
      try (InputStream in = url.openStream()) {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      }
      return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + resolved + " to " + cacheDirectory(), e);
    }
  }

  /** Where classpath model files are copied: the {@link ModelCache} directory. */
  public static Path cacheDirectory() {
    return ModelCache.directory();
  }

  public byte[] read(String reference) {
    try (InputStream in = open(reference)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resolve(reference), e);
    }
  }

  private String missing(String reference) {
    return "model directory " + location + ": " + reference + " is missing (looked for " + resolve(reference) + ")";
  }

  private String resolve(String reference) {
    if (reference.startsWith(CLASSPATH)) {
      return reference;
    }
    if (location.startsWith(CLASSPATH)) {
      String base = location.endsWith("/") ? location : location + "/";
      return base + reference;
    }
    return Path.of(location).resolve(reference).toString();
  }

  private static String classpathName(String resolved) {
    String name = resolved.substring(CLASSPATH.length());
    return name.startsWith("/") ? name : "/" + name;
  }

  @Override
  public String toString() {
    return location;
  }
}
