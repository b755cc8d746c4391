package io.feedbackpulse.broker;

import java.util.Map;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.server.policy.CreateTopicPolicy;

/** A broker-side create-topic policy that refuses topics whose name starts with {@code denied.}. */
public final class RejectDeniedPrefixPolicy implements CreateTopicPolicy {

  static final String PREFIX = "denied.";

  @Override
  public void validate(RequestMetadata request) {
    if (request.topic().startsWith(PREFIX)) {
      throw new PolicyViolationException("Topics named " + PREFIX + "* are created by the platform team");
    }
  }

  @Override
  public void configure(Map<String, ?> configs) {
  }

  @Override
  public void close() {
  }
}
