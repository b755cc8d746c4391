package io.feedbackpulse.models;

import io.feedbackpulse.avro.AgreementWindow;
import java.util.List;

/**
 * How often champion and challenger gave the same label on live traffic: the agreement of their windows on
 * channel {@code all}, each weighted by the items it holds.
 */
public record LiveAgreement(long n, double agreement, int windows) {

  public static LiveAgreement of(List<AgreementWindow> windows) {
    long n = windows.stream().mapToLong(AgreementWindow::getN).sum();
    double agreeing = windows.stream().mapToDouble(w -> w.getN() * w.getAgreement()).sum();
    return new LiveAgreement(n, n == 0 ? 0.0 : agreeing / n, windows.size());
  }
}
