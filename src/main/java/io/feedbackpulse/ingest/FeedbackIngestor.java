package io.feedbackpulse.ingest;

import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.registry.RegistryRequestException;
import io.feedbackpulse.registry.RegistryUnavailableException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * From the raw bytes of a channel topic to a canonical, normalized, validated Feedback: decode (Avro or JSON),
 * map the channel's fields, normalize the text, validate, identify the text's language. Thread-safe.
 */
public final class FeedbackIngestor {

  private final Map<String, ChannelDefinition> channelsByTopic = new HashMap<>();
  private final RawRecordDecoder decoder;
  private final TextNormalizer normalizer;
  private final FeedbackValidator validator;
  private final FeedbackMapper mapper;
  private final int maxRecordBytes;
  private final LanguageIdentifier languages;

  public FeedbackIngestor(List<ChannelDefinition> channels, RawRecordDecoder decoder, TextNormalizer normalizer,
      FeedbackValidator validator) {
    this(channels, decoder, normalizer, validator, IngestLimits.DEFAULT);
  }

  public FeedbackIngestor(List<ChannelDefinition> channels, RawRecordDecoder decoder, TextNormalizer normalizer,
      FeedbackValidator validator, IngestLimits limits) {
    this(channels, decoder, normalizer, validator, limits, LanguageIdentifier.builtIn());
  }

  public FeedbackIngestor(List<ChannelDefinition> channels, RawRecordDecoder decoder, TextNormalizer normalizer,
      FeedbackValidator validator, IngestLimits limits, LanguageIdentifier languages) {
    Set<String> names = new HashSet<>();
    for (ChannelDefinition channel : channels) {
      if (!names.add(channel.name()) || channelsByTopic.putIfAbsent(channel.topic(), channel) != null) {
        throw new IllegalArgumentException("each channel needs its own name and topic: " + channel);
      }
    }
    this.decoder = decoder;
    this.normalizer = normalizer;
    this.validator = validator;
    this.mapper = new FeedbackMapper(limits.eventTimes());
    this.maxRecordBytes = limits.maxRecordBytes();
    this.languages = languages;
  }

  /** For a record without headers, judged at its own timestamp. */
  public IngestResult ingest(String topic, byte[] key, byte[] value, long recordTimestamp) {
    return ingest(topic, key, value, 0, recordTimestamp, recordTimestamp);
  }

  /**
   * @param key the record key; not interpreted
   * @param headerBytes the size of the record's headers, counted against the size limit
   * @param nowMillis the service's clock, which bounds the event time a record may claim (the feedback id comes from the value)
   * @throws RegistryUnavailableException when the schema registry cannot be reached: the record was not judged
   *     and must be retried, never skipped
   * @throws RegistryRequestException when the registry refuses our requests, for example bad credentials
   */
  public IngestResult ingest(String topic, byte[] key, byte[] value, int headerBytes, long recordTimestamp,
      long nowMillis) {
    ChannelDefinition channel = channelsByTopic.get(topic);
    if (channel == null) {
      return new IngestResult.Rejected(RejectReason.UNKNOWN_TOPIC, "no channel reads topic " + topic, null);
    }
    long size = (long) length(key) + length(value) + headerBytes;
    if (size > maxRecordBytes) {
      return new IngestResult.Rejected(RejectReason.RECORD_TOO_LARGE, "the record has " + size
          + " bytes of key, value and headers, the maximum is " + maxRecordBytes + " (input.max-bytes)", channel.name());
    }
    try {
      ChannelRecord record = decoder.decode(topic, value);
      Feedback.Builder feedback = mapper.map(channel, record, recordTimestamp, nowMillis);
      feedback.setText(normalizer.normalize(feedback.getOriginalText(), channel.textFormat()));
      if (feedback.getSubject() != null) {
        feedback.setSubject(normalizer.normalize(feedback.getSubject(), TextFormat.PLAIN));
      }
      Feedback normalized = feedback.build();
      validator.validate(normalized);
      normalized.setLanguage(languages.identify(normalized.getText()));
      return new IngestResult.Accepted(normalized);
    } catch (RejectedRecordException rejected) {
      return new IngestResult.Rejected(rejected.reason(), rejected.detail(), channel.name());
    }
  }

  private static int length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }

  /** The channels, by the topics they read. */
  public Map<String, ChannelDefinition> channelsByTopic() {
    return Map.copyOf(channelsByTopic);
  }
}
