package io.feedbackpulse.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class TopicProvisionerTest {

  @Test
  void treatsMissingRightsAndPolicyRefusalsAsDenials() {
    assertThat(TopicProvisioner.isDenial(new TopicAuthorizationException("no"))).isTrue();
    assertThat(TopicProvisioner.isDenial(new ClusterAuthorizationException("no"))).isTrue();
    assertThat(TopicProvisioner.isDenial(new PolicyViolationException("no"))).isTrue();
  }

  @Test
  void treatsOtherFailuresAsErrors() {
    assertThat(TopicProvisioner.isDenial(new InvalidReplicationFactorException("3 > 1 broker"))).isFalse();
    assertThat(TopicProvisioner.isDenial(new TimeoutException("slow"))).isFalse();
  }
}
