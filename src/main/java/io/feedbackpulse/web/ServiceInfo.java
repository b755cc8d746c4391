package io.feedbackpulse.web;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.ingest.ChannelDefinition;
import io.feedbackpulse.models.ModelAssignment;
import io.feedbackpulse.service.Pipeline;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** What /info answers: the model, the topics in and out, the application id and the window settings. */
final class ServiceInfo {
  private ServiceInfo() {}

  static Map<String, Object> of(Pipeline pipeline) {
    Settings s = pipeline.settings();
    ModelAssignment serving = pipeline.models().current();
    SentimentModel model = serving.champion();
    Map<String, Object> modelInfo = new LinkedHashMap<>();
    modelInfo.put("id", model.lineage().id());
    modelInfo.put("version", model.lineage().version());
    modelInfo.put("maxLength", model.maxLength());
    modelInfo.put("inputs", model.inputNames());
    modelInfo.put("baseline", model.baseline().map(b -> Map.of("negative", b.negative(), "neutral", b.neutral(),
        "positive", b.positive())).orElse(null));
    modelInfo.put("challenger", serving.challenger().map(c -> Map.of("id", c.model().lineage().id(), "version",
        c.model().lineage().version(), "mode", c.mode().name(), "share", c.share())).orElse(null));

    Map<String, String> in = new LinkedHashMap<>();
    for (ChannelDefinition channel : pipeline.channels()) {
      in.put(channel.name(), channel.topic());
    }
    Map<String, Object> topics = new LinkedHashMap<>();
    topics.put("in", in);
    topics.put("out", Map.of("scored", pipeline.topics().scored(), "alerts", pipeline.topics().alerts(),
        "deadLetter", pipeline.topics().deadLetter(), "distribution", pipeline.topics().distribution(),
        "drift", pipeline.topics().drift(), "labelled", pipeline.topics().labelled(), "quality",
        pipeline.topics().quality(), "review", pipeline.topics().review(), "cases", pipeline.topics().cases()));
    topics.put("labels", pipeline.topics().labels());

    Map<String, Object> info = new LinkedHashMap<>();
    info.put("applicationId", s.string("application.id"));
    info.put("model", modelInfo);
    info.put("topics", topics);
    info.put("channels", pipeline.channels().stream().map(ChannelDefinition::name).toList());
    info.put("windows", Map.of("size", s.string("windows.size"), "grace", s.string("windows.grace"),
        "retention", s.string("windows.retention")));
    info.put("drift", settingsUnder(s, "drift."));
    return info;
  }

  /** The drift settings (thresholds and the like) as they are, for the dashboard's threshold lines. */
  private static Map<String, String> settingsUnder(Settings s, String prefix) {
    Map<String, String> out = new TreeMap<>();
    s.asMap().forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return out;
  }
}
