package io.feedbackpulse.ingest;

import io.feedbackpulse.config.Settings;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The channels the service reads: the built-in four on the topics {@code topic.<channel>} names,
 * plus any channel defined by settings alone:
 *
 * <pre>
 * channels=email,chat,app,social,survey
 * topic.survey=feedback.raw.survey
 * channel.survey.record=com.example.SurveyAnswer
 * channel.survey.id-field=answerId
 * channel.survey.text-field=comment
 * channel.survey.time-field=answeredAt
 * channel.survey.format=plain
 * channel.survey.field.customer-id=respondent
 * </pre>
 */
public final class ChannelSettings {
  private ChannelSettings() {}

  public static List<ChannelDefinition> from(Settings s) {
    Map<String, ChannelDefinition> builtIn = new HashMap<>();
    ChannelDefinition.defaults().forEach(c -> builtIn.put(c.name(), c));
    List<ChannelDefinition> out = new ArrayList<>();
    for (String name : s.list("channels")) {
      String topic = s.string("topic." + name);
      ChannelDefinition known = builtIn.get(name);
      out.add(known != null ? known.withTopic(topic) : configured(s, name, topic));
    }
    return out;
  }

  private static ChannelDefinition configured(Settings s, String name, String topic) {
    String p = "channel." + name + ".";
    Map<CanonicalField, String> fields = new EnumMap<>(CanonicalField.class);
    for (CanonicalField f : CanonicalField.values()) {
      String key = p + "field." + f.name().toLowerCase(Locale.ROOT).replace('_', '-');
      s.optional(key).ifPresent(v -> fields.put(f, v));
    }
    return new ChannelDefinition(name, topic, s.string(p + "record"), s.string(p + "id-field"),
        s.string(p + "text-field"), s.optional(p + "time-field").orElse(null),
        TextFormat.valueOf(s.optional(p + "format").orElse("plain").toUpperCase(Locale.ROOT)), fields);
  }
}
