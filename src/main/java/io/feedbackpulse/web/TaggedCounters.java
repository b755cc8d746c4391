package io.feedbackpulse.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters of one meter name, one per combination of tag values, held here so that counting an event is a map
 * look-up rather than a registration. The combinations known at start are registered at 0 when bound, so a dashboard
 * sees 0 rather than no data; one not known then (a dead-letter reason added later, the language of an unsupported
 * item) is registered on its first event. That lazy path stays bounded because every tag value comes from a closed
 * set: the configured channels, the reason codes in the code, the languages the detector knows.
 */
final class TaggedCounters {
  private final String name;
  private final String description;
  private final List<String> tagKeys;
  private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
  private volatile MeterRegistry registry;

  TaggedCounters(String name, String description, String... tagKeys) {
    this.name = name;
    this.description = description;
    this.tagKeys = List.of(tagKeys);
  }

  /** Registers a counter at 0 for each combination of tag values, in the order of the tag keys. */
  void bindTo(MeterRegistry registry, Collection<List<String>> known) {
    if (this.registry != null) {
      throw new IllegalStateException(name + " is already bound to a registry");
    }
    this.registry = registry;
    known.forEach(values -> counters.computeIfAbsent(values, this::register));
  }

  /** Each value alone: the combinations of a counter with one tag. */
  static List<List<String>> each(Collection<String> values) {
    return values.stream().map(List::of).toList();
  }

  /** Every pair of a first and a second tag value: the combinations of a counter with two tags. */
  static List<List<String>> pairs(Collection<String> first, Collection<String> second) {
    return first.stream().flatMap(a -> second.stream().map(b -> List.of(a, b))).toList();
  }

  /** The counter of these tag values, in the order of the tag keys. */
  Counter counter(String... tagValues) {
    List<String> key = List.of(tagValues);
    Counter counter = counters.get(key);
    return counter != null ? counter : counters.computeIfAbsent(key, this::register);
  }

  private Counter register(List<String> tagValues) {
    MeterRegistry bound = registry;
    if (bound == null) {
      throw new IllegalStateException(name + " is counted before it is bound to a registry");
    }
    if (tagValues.size() != tagKeys.size()) {
      throw new IllegalArgumentException(name + " takes the tags " + tagKeys + ", got the values " + tagValues);
    }
    Counter.Builder builder = Counter.builder(name).description(description);
    for (int i = 0; i < tagKeys.size(); i++) {
      builder.tag(tagKeys.get(i), tagValues.get(i));
    }
    return builder.register(bound);
  }
}
