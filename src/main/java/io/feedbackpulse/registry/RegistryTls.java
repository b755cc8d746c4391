package io.feedbackpulse.registry;

import io.feedbackpulse.config.SettingsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS to the schema registry: a truststore for the registry's certificate (none: the JVM's default trust) and,
 * for mutual TLS, a keystore with the client's key.
 *
 * @param truststore truststore file, or null for the JVM's default trust
 * @param keystore keystore with the client key for mutual TLS, or null for none
 * @param keyPassword password of the key inside the keystore; null: the keystore's password
 */
public record RegistryTls(
    Path truststore, String truststorePassword, String truststoreType,
    Path keystore, String keystorePassword, String keystoreType, String keyPassword) {

  /** Plain HTTP, or HTTPS with the JVM's default trust. */
  public static final RegistryTls NONE = new RegistryTls(null, null, null, null, null, null, null);

  public static RegistryTls trusting(Path truststore, String password, String type) {
    return new RegistryTls(truststore, password, type, null, null, null, null);
  }

  public RegistryTls withClientKey(Path store, String password, String type, String keyPasswordOrNull) {
    return new RegistryTls(truststore, truststorePassword, truststoreType, store, password, type, keyPasswordOrNull);
  }

  /** Whether anything differs from the JVM's defaults. */
  public boolean configured() {
    return truststore != null || keystore != null;
  }

  public SSLContext sslContext() {
    try {
      TrustManager[] trust = null;
      if (truststore != null) {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(load("truststore", truststore, truststorePassword, truststoreType));
        trust = factory.getTrustManagers();
      }
      KeyManager[] keys = null;
      if (keystore != null) {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        String keySecret = keyPassword != null ? keyPassword : keystorePassword;
        factory.init(load("keystore", keystore, keystorePassword, keystoreType), chars(keySecret));
        keys = factory.getKeyManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new SettingsException("the schema.registry.ssl.* settings are not usable: " + e.getMessage());
    }
  }

  private static KeyStore load(String what, Path file, String password, String type) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance(type == null || type.isBlank() ? KeyStore.getDefaultType() : type);
      store.load(in, chars(password));
      return store;
    } catch (NoSuchFileException e) {
      throw new SettingsException("schema.registry.ssl." + what + ".location: there is no file " + file);
    } catch (IOException | GeneralSecurityException e) {
      throw new SettingsException("schema.registry.ssl." + what + ".location: cannot read " + file
          + " as a " + what + " (check its .type and .password): " + e.getMessage());
    }
  }

  private static char[] chars(String secret) {
    return secret == null ? null : secret.toCharArray();
  }

  @Override
  public String toString() {
    return "RegistryTls[truststore=" + truststore + ", truststoreType=" + truststoreType + ", keystore=" + keystore
        + ", keystoreType=" + keystoreType + ", passwords=***]";
  }
}
