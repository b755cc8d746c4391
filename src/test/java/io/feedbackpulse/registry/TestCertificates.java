package io.feedbackpulse.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Self-signed certificates for 127.0.0.1 made with the JDK's keytool: a PKCS12 keystore and a truststore of its cert. */
final class TestCertificates {
  static final String PASSWORD = "changeit";

  private TestCertificates() {}

  /** Creates {@code <name>.p12} (key and certificate) and {@code <name>-trust.p12} (the certificate only). */
  static void create(Path dir, String name) throws IOException, InterruptedException {
    Path keystore = dir.resolve(name + ".p12");
    Path certificate = dir.resolve(name + ".crt");
    keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=" + name, "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", PASSWORD);
    keytool("-exportcert", "-alias", name, "-rfc", "-file", certificate.toString(),
        "-keystore", keystore.toString(), "-storepass", PASSWORD);
    keytool("-importcert", "-noprompt", "-alias", name, "-file", certificate.toString(), "-storetype", "PKCS12",
        "-keystore", dir.resolve(name + "-trust.p12").toString(), "-storepass", PASSWORD);
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }
}
