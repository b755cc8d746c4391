package io.feedbackpulse.inference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Puts ONNX Runtime's native libraries in the model cache once and points ONNX Runtime at them
 * ({@code onnxruntime.native.path}). Left to itself, ONNX Runtime copies them (20 MB) into a new
 * {@code onnxruntime-java*} temp directory at every start, and the JVM deletes the files on exit but not the
 * directory, so every run leaves an empty directory behind. A path set by the user is left alone.
 */
public final class OnnxRuntimeLibraries {
  static final String NATIVE_PATH_PROPERTY = "onnxruntime.native.path";
  private static final String[] LIBRARIES = {"onnxruntime", "onnxruntime4j_jni"};

  private OnnxRuntimeLibraries() {}

  /** Before ONNX Runtime is first used; later calls do nothing. */
  public static synchronized void prepare() {
    if (System.getProperty(NATIVE_PATH_PROPERTY) != null) {
      return;
    }
    Optional<String> platform = platform(System.getProperty("os.name"), System.getProperty("os.arch"));
    if (platform.isEmpty()) {
      return;
    }
    Map<String, byte[]> libraries = new LinkedHashMap<>();
    for (String library : LIBRARIES) {
      String file = System.mapLibraryName(library);
      try (InputStream in = OnnxRuntimeLibraries.class.getResourceAsStream(
          "/ai/onnxruntime/native/" + platform.get() + "/" + file)) {
        if (in == null) {
          return; // not shipped for this platform: ONNX Runtime says so itself
        }
        libraries.put(file, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read ONNX Runtime's " + file + " from the class path", e);
      }
    }
    Path dir = ModelSource.cacheDirectory().resolve("onnxruntime-" + platform.get() + "-" + digest(libraries));
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, byte[]> library : libraries.entrySet()) {
        Path target = dir.resolve(library.getKey());
        if (!Files.exists(target) || Files.size(target) != library.getValue().length) {
          Path partial = Files.createTempFile(dir, library.getKey(), ".partial");
          Files.write(partial, library.getValue());
          Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy ONNX Runtime's native libraries to " + dir, e);
    }
    System.setProperty(NATIVE_PATH_PROPERTY, dir.toString());
  }

  /** ONNX Runtime's name for the platform's folder of native libraries, for those it ships. */
  static Optional<String> platform(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String arch = osArch.toLowerCase(Locale.ROOT);
    String cpu = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") ? "aarch64" : null;
    if (cpu == null) {
      return Optional.empty();
    }
    if (os.contains("linux")) {
      return Optional.of("linux-" + cpu);
    }
    if (os.contains("mac") || os.contains("darwin")) {
      return Optional.of("osx-" + cpu);
    }
    return Optional.empty();
  }

  private static String digest(Map<String, byte[]> libraries) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      libraries.values().forEach(sha::update);
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
