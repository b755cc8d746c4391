package io.feedbackpulse.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schemas of {@link InMemorySchemaRegistry}, with Confluent's rules: one id per distinct schema across
 * all subjects (ids start at 1), versions per subject counting from 1, re-registering returns the existing id.
 * Thread-safe.
 */
final class SchemaStore {

  /** One version of a subject. */
  record SubjectVersion(String subject, int version, int id, String schema) {
  }

  private final List<String> schemasById = new ArrayList<>();
  private final Map<String, Integer> idsBySchema = new HashMap<>();
  private final Map<String, List<Integer>> idsBySubject = new LinkedHashMap<>();

  /** Registers a schema, given in its canonical form, under a subject; returns the subject's version of it. */
  synchronized SubjectVersion register(String subject, String canonicalSchema) {
    Optional<SubjectVersion> existing = lookup(subject, canonicalSchema);
    if (existing.isPresent()) {
      return existing.get();
    }
    int id = idsBySchema.computeIfAbsent(canonicalSchema, schema -> {
      schemasById.add(schema);
      return schemasById.size();
    });
    List<Integer> versions = idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
    versions.add(id);
    return new SubjectVersion(subject, versions.size(), id, canonicalSchema);
  }

  synchronized Optional<SubjectVersion> lookup(String subject, String canonicalSchema) {
    List<Integer> versions = idsBySubject.getOrDefault(subject, List.of());
    Integer id = idsBySchema.get(canonicalSchema);
    int index = id == null ? -1 : versions.indexOf(id);
    return index < 0 ? Optional.empty() : Optional.of(new SubjectVersion(subject, index + 1, id, canonicalSchema));
  }

  synchronized Optional<String> schema(int id) {
    return id >= 1 && id <= schemasById.size() ? Optional.of(schemasById.get(id - 1)) : Optional.empty();
  }

  synchronized List<String> subjects() {
    return List.copyOf(idsBySubject.keySet());
  }

  synchronized boolean hasSubject(String subject) {
    return idsBySubject.containsKey(subject);
  }

  synchronized List<Integer> versions(String subject) {
    int count = idsBySubject.getOrDefault(subject, List.of()).size();
    List<Integer> versions = new ArrayList<>(count);
    for (int version = 1; version <= count; version++) {
      versions.add(version);
    }
    return versions;
  }

  /** A version of a subject; version -1 means the latest. */
  synchronized Optional<SubjectVersion> version(String subject, int version) {
    List<Integer> ids = idsBySubject.getOrDefault(subject, List.of());
    int number = version == -1 ? ids.size() : version;
    if (number < 1 || number > ids.size()) {
      return Optional.empty();
    }
    int id = ids.get(number - 1);
    return Optional.of(new SubjectVersion(subject, number, id, schemasById.get(id - 1)));
  }
}
