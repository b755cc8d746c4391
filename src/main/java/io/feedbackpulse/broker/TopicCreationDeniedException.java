package io.feedbackpulse.broker;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The cluster does not let this client create some topics the service needs (no permission, or a
 * create-topic policy refused them). The message names each topic and the command that creates it.
 */
public final class TopicCreationDeniedException extends RuntimeException {

  private final List<TopicSpec> deniedTopics;

  public TopicCreationDeniedException(List<TopicSpec> deniedTopics, String bootstrapServers, Throwable cause) {
    super(message(deniedTopics, bootstrapServers, cause), cause);
    this.deniedTopics = List.copyOf(deniedTopics);
  }

  public List<TopicSpec> deniedTopics() {
    return deniedTopics;
  }

  static String message(List<TopicSpec> deniedTopics, String bootstrapServers, Throwable cause) {
    String names = deniedTopics.stream().map(TopicSpec::name).collect(Collectors.joining(", "));
    String commands = deniedTopics.stream()
        .map(topic -> "  " + topic.createCommand(bootstrapServers))
        .collect(Collectors.joining(System.lineSeparator()));
    return "The cluster did not allow creating " + deniedTopics.size() + " missing topic(s): " + names
        + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")." + System.lineSeparator()
        + "Ask an administrator to create them, for example with:" + System.lineSeparator()
        + commands;
  }
}
