package io.feedbackpulse.reasons;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The reasons a deployment sorts complaints into, read from its JSON file
 * ({@code {"reasons": [{"name", "description", "examples": [...]}]}}) or the shipped e-commerce default.
 */
public record ReasonTaxonomy(List<Reason> reasons, String source) {
  /** What an item gets when no reason scores high enough; no reason of a taxonomy may take it. */
  public static final String OTHER = "other";
  public static final String DEFAULT_RESOURCE = "/reasons/ecommerce.json";
  static final int MAX_NAME_LENGTH = 64;
  private static final Set<String> REASON_FIELDS = Set.of("name", "description", "examples");

  public ReasonTaxonomy {
    reasons = List.copyOf(reasons);
  }

  /** The shipped e-commerce taxonomy (delivery, returns and refunds, billing and payment, ...). */
  public static ReasonTaxonomy defaults() {
    try (InputStream in = ReasonTaxonomy.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the shipped taxonomy " + DEFAULT_RESOURCE + " is missing from the jar");
      }
      return parse(in.readAllBytes(), "classpath:" + DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @throws MalformedTaxonomyException when the file is not a usable taxonomy */
  public static ReasonTaxonomy read(Path file) throws IOException {
    return parse(Files.readAllBytes(file), file.toString());
  }

  /** @throws MalformedTaxonomyException when the bytes are not a usable taxonomy */
  public static ReasonTaxonomy parse(byte[] json, String source) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(new String(json, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new MalformedTaxonomyException(source, "not JSON: " + e.getOriginalMessage().lines().findFirst()
          .orElse("") + " at line " + e.getLocation().getLineNr(), e);
    }
    if (root == null || !root.isObject() || !root.path("reasons").isArray()) {
      throw new MalformedTaxonomyException(source, "expected {\"reasons\": [{\"name\": ..., \"description\": ..., "
          + "\"examples\": [...]}, ...]}");
    }
    ArrayNode entries = (ArrayNode) root.get("reasons");
    if (entries.isEmpty()) {
      throw new MalformedTaxonomyException(source, "the reasons list is empty");
    }
    List<Reason> reasons = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      Reason reason = reason(entries.get(i), i, source);
      if (!seen.add(reason.name().toLowerCase(Locale.ROOT))) {
        throw new MalformedTaxonomyException(source, "reason '" + reason.name() + "' is named twice");
      }
      reasons.add(reason);
    }
    return new ReasonTaxonomy(reasons, source);
  }

  private static Reason reason(JsonNode entry, int index, String source) {
    String where = "reasons[" + index + "]";
    if (!entry.isObject()) {
      throw new MalformedTaxonomyException(source, where + " must be an object with name and description");
    }
    for (Iterator<String> fields = entry.fieldNames(); fields.hasNext(); ) {
      String field = fields.next();
      if (!REASON_FIELDS.contains(field)) {
        throw new MalformedTaxonomyException(source, where + " has an unknown field '" + field
            + "' (known: name, description, examples)");
      }
    }
    String name = text(entry, "name", where, source);
    where = "reason '" + name + "'";
    if (name.length() > MAX_NAME_LENGTH || !name.equals(name.strip()) || name.chars().anyMatch(Character::isISOControl)) {
      throw new MalformedTaxonomyException(source, where + ": a name has at most " + MAX_NAME_LENGTH
          + " characters, no control characters and no leading or trailing spaces");
    }
    if (name.equalsIgnoreCase(OTHER)) {
      throw new MalformedTaxonomyException(source, "'" + OTHER + "' is what items no reason fits get; "
          + "name the reason otherwise");
    }
    String description = text(entry, "description", where, source);
    List<String> examples = new ArrayList<>();
    JsonNode list = entry.get("examples");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw new MalformedTaxonomyException(source, where + ": examples must be a list of texts");
      }
      for (JsonNode example : list) {
        if (!example.isTextual() || example.asText().isBlank()) {
          throw new MalformedTaxonomyException(source, where + ": every example must be a text that is not blank");
        }
        examples.add(example.asText());
      }
    }
    return new Reason(name, description, examples);
  }

  private static String text(JsonNode entry, String field, String where, String source) {
    JsonNode value = entry.get(field);
    if (value == null || value.isNull()) {
      throw new MalformedTaxonomyException(source, where + " has no " + field);
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new MalformedTaxonomyException(source, where + ": " + field + " must be a text that is not blank");
    }
    return value.asText();
  }

  public List<String> names() {
    return reasons.stream().map(Reason::name).toList();
  }

  public int exampleCount() {
    return reasons.stream().mapToInt(r -> r.examples().size()).sum();
  }

  /** The same reasons without their examples: what scoring from descriptions alone sees. */
  public ReasonTaxonomy withoutExamples() {
    return new ReasonTaxonomy(reasons.stream().map(r -> new Reason(r.name(), r.description(), List.of())).toList(),
        source + " (descriptions only)");
  }

  /** The taxonomy as its file holds it. */
  public byte[] toJson() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    ArrayNode list = root.putArray("reasons");
    for (Reason r : reasons) {
      ObjectNode entry = list.addObject();
      entry.put("name", r.name());
      entry.put("description", r.description());
      if (!r.examples().isEmpty()) {
        ArrayNode examples = entry.putArray("examples");
        r.examples().forEach(examples::add);
      }
    }
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
