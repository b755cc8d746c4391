package io.feedbackpulse.registry;

import io.feedbackpulse.config.Settings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the schema registry is and how the serdes use it.
 *
 * @param url base URL of a Confluent-REST-API registry, for example {@code http://localhost:8081} or
 *     Apicurio's {@code http://apicurio:8080/apis/ccompat/v7}
 * @param username basic-auth user, or null for none
 * @param password basic-auth password, or null for none
 * @param autoRegister whether serializers register their schema under the subject when it is not there yet
 * @param subjectNameStrategy how serializers name the subject of a schema
 * @param requestTimeout connect and response timeout of one registry call
 * @param tls truststore and client key for an HTTPS registry
 */
public record RegistrySettings(
    String url,
    String username,
    String password,
    boolean autoRegister,
    SubjectNameStrategy subjectNameStrategy,
    Duration requestTimeout,
    RegistryTls tls) {

  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  public RegistrySettings {
    Objects.requireNonNull(url, "url");
    URI parsed = URI.create(url);
    if (parsed.getScheme() == null || parsed.getHost() == null) {
      throw new IllegalArgumentException("registry url must be absolute, like http://host:8081: " + url);
    }
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException("basic auth needs both a user and a password");
    }
    Objects.requireNonNull(subjectNameStrategy, "subjectNameStrategy");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(tls, "tls");
    url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** No authentication, auto-registration on (as Confluent's serializers default), TopicNameStrategy. */
  public static RegistrySettings of(String url) {
    return new RegistrySettings(url, null, null, true, SubjectNameStrategy.TOPIC_NAME, DEFAULT_REQUEST_TIMEOUT,
        RegistryTls.NONE);
  }

  /** The registry the {@code schema.registry.*} settings describe. */
  public static RegistrySettings from(Settings s) {
    RegistrySettings r = RegistrySettings.of(s.string("schema.registry.url"))
        .withAutoRegister(s.bool("schema.registry.auto-register"))
        .withSubjectNameStrategy(SubjectNameStrategy.fromSetting(s.string("schema.registry.subject-name-strategy")))
        .withTls(registryTls(s));
    String user = s.string("schema.registry.basic-auth.user");
    return user.isEmpty() ? r : r.withBasicAuth(user, s.string("schema.registry.basic-auth.password"));
  }

  public RegistrySettings withBasicAuth(String user, String secret) {
    return new RegistrySettings(url, user, secret, autoRegister, subjectNameStrategy, requestTimeout, tls);
  }

  public RegistrySettings withAutoRegister(boolean register) {
    return new RegistrySettings(url, username, password, register, subjectNameStrategy, requestTimeout, tls);
  }

  public RegistrySettings withSubjectNameStrategy(SubjectNameStrategy strategy) {
    return new RegistrySettings(url, username, password, autoRegister, strategy, requestTimeout, tls);
  }

  public RegistrySettings withRequestTimeout(Duration timeout) {
    return new RegistrySettings(url, username, password, autoRegister, subjectNameStrategy, timeout, tls);
  }

  public RegistrySettings withTls(RegistryTls settings) {
    return new RegistrySettings(url, username, password, autoRegister, subjectNameStrategy, requestTimeout, settings);
  }

  /** The value of the {@code Authorization} header, when basic auth is configured. */
  public Optional<String> authorizationHeader() {
    if (username == null) {
      return Optional.empty();
    }
    String credentials = username + ":" + password;
    return Optional.of("Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return "RegistrySettings[url=" + url + ", username=" + username + ", password=" + (password == null ? null : "***")
        + ", autoRegister=" + autoRegister + ", subjectNameStrategy=" + subjectNameStrategy
        + ", requestTimeout=" + requestTimeout + ", tls=" + tls + "]";
  }

  private static RegistryTls registryTls(Settings s) {
    String p = "schema.registry.ssl.";
    RegistryTls tls = s.optional(p + "truststore.location")
        .map(store -> RegistryTls.trusting(Path.of(store), s.string(p + "truststore.password"),
            s.string(p + "truststore.type")))
        .orElse(RegistryTls.NONE);
    return s.optional(p + "keystore.location")
        .map(store -> tls.withClientKey(Path.of(store), s.string(p + "keystore.password"),
            s.string(p + "keystore.type"), s.optional(p + "key.password").orElse(null)))
        .orElse(tls);
  }
}
