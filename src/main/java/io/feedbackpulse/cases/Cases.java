package io.feedbackpulse.cases;

import io.feedbackpulse.avro.AlertPriority;
import io.feedbackpulse.avro.CaseAlert;
import io.feedbackpulse.avro.CaseReason;
import io.feedbackpulse.avro.CaseStatus;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.avro.ScoredReason;
import io.feedbackpulse.avro.SupportCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** How a case changes: an alert opens or grows it, idleness closes it. Values in, values out. */
public final class Cases {
  private final CasePolicy policy;

  public Cases(CasePolicy policy) {
    this.policy = policy;
  }

  public CasePolicy policy() {
    return policy;
  }

  /** The case after {@code alert}: a new one when {@code current} is null or closed. */
  public SupportCase add(SupportCase current, SupportAlert alert) {
    if (current == null || current.getStatus() == CaseStatus.CLOSED) {
      current = SupportCase.newBuilder()
          .setCaseId(alert.getCaseId())
          .setStatus(CaseStatus.OPEN)
          .setPriority(AlertPriority.LOW)
          .setEscalated(false)
          .setAlertCount(0)
          .setAlerts(List.of())
          .setChannels(List.of())
          .setCustomerId(alert.getCustomerId())
          .setOpenedAt(alert.getEventTime())
          .setLastAlertAt(alert.getEventTime())
          .setClosedAt(null)
          .setLatestExcerpt(alert.getExcerpt())
          .setLatestExplanation(null)
          .setReasons(List.of())
          .build();
    }
    List<CaseAlert> alerts = new ArrayList<>(current.getAlerts());
    alerts.add(new CaseAlert(alert.getFeedbackId(), alert.getChannel(), alert.getPriority(), alert.getEventTime()));
    if (alerts.size() > CasePolicy.LISTED_ALERTS) {
      alerts.subList(0, alerts.size() - CasePolicy.LISTED_ALERTS).clear();
    }
    List<String> channels = new ArrayList<>(current.getChannels());
    if (!channels.contains(alert.getChannel())) {
      channels.add(alert.getChannel());
    }
    int count = current.getAlertCount() + 1;
    boolean escalated = count > policy.escalateAfter();
    AlertPriority priority = escalated ? AlertPriority.HIGH : higher(current.getPriority(), alert.getPriority());
    boolean latest = !alert.getEventTime().isBefore(current.getLastAlertAt());
    return SupportCase.newBuilder(current)
        .setAlerts(alerts)
        .setChannels(channels)
        .setAlertCount(count)
        .setEscalated(escalated)
        .setPriority(priority)
        .setOpenedAt(min(current.getOpenedAt(), alert.getEventTime()))
        .setLastAlertAt(latest ? alert.getEventTime() : current.getLastAlertAt())
        .setLatestExcerpt(latest ? alert.getExcerpt() : current.getLatestExcerpt())
        .setLatestExplanation(latest && alert.getExplanation() != null ? alert.getExplanation()
            : current.getLatestExplanation())
        .setReasons(reasons(current.getReasons(), alert.getReasons()))
        .build();
  }

  /** The case's reasons counted with the alert's, most given first; a stable sort keeps ties in first-given order. */
  private static List<CaseReason> reasons(List<CaseReason> counted, List<ScoredReason> given) {
    List<CaseReason> out = new ArrayList<>();
    counted.forEach(r -> out.add(new CaseReason(r.getName(), r.getAlerts())));
    for (ScoredReason reason : given) {
      CaseReason known = out.stream().filter(r -> r.getName().equals(reason.getName())).findFirst().orElse(null);
      if (known == null) {
        out.add(new CaseReason(reason.getName(), 1));
      } else {
        known.setAlerts(known.getAlerts() + 1);
      }
    }
    out.sort(Comparator.comparingInt(CaseReason::getAlerts).reversed());
    return out;
  }

  /** Whether an open case has been idle for the policy's span at {@code streamTime}. */
  public boolean idle(SupportCase c, long streamTime) {
    return c.getStatus() == CaseStatus.OPEN && streamTime >= closesAt(c);
  }

  /** The case closed, as of the moment its idle span ended. */
  public SupportCase close(SupportCase c) {
    return SupportCase.newBuilder(c).setStatus(CaseStatus.CLOSED).setClosedAt(Instant.ofEpochMilli(closesAt(c)))
        .build();
  }

  /** Whether a closed case has been kept for the retention at {@code streamTime}. */
  public boolean expired(SupportCase c, long streamTime) {
    return c.getStatus() == CaseStatus.CLOSED
        && streamTime >= c.getClosedAt().toEpochMilli() + policy.retention().toMillis();
  }

  private long closesAt(SupportCase c) {
    return c.getLastAlertAt().toEpochMilli() + policy.idleClose().toMillis();
  }

  private static AlertPriority higher(AlertPriority a, AlertPriority b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
