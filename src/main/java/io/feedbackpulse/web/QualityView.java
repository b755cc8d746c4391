package io.feedbackpulse.web;

import io.feedbackpulse.avro.ClassQuality;
import io.feedbackpulse.avro.ModelQuality;
import java.time.Instant;
import java.util.List;

/** One model version's quality on one channel in one window, as /api/quality shows it. */
record QualityView(String channel, String modelId, String modelVersion, Instant windowStart, Instant windowEnd,
    long labelled, Double accuracy, Double macroF1, List<ClassView> classes, List<List<Long>> confusion, long scored,
    Double estimatedAccuracy, Double estimatedMacroF1, Double baselineMacroF1) {

  record ClassView(String label, long support, Double precision, Double recall, double f1) {}

  static QualityView of(ModelQuality q) {
    return new QualityView(q.getChannel(), q.getModel().getId(), q.getModel().getVersion(), q.getWindowStart(),
        q.getWindowEnd(), q.getLabelled(), q.getAccuracy(), q.getMacroF1(),
        q.getClasses().stream().map(QualityView::classView).toList(), q.getConfusion(), q.getScored(),
        q.getEstimatedAccuracy(), q.getEstimatedMacroF1(), q.getBaselineMacroF1());
  }

  private static ClassView classView(ClassQuality c) {
    return new ClassView(c.getLabel(), c.getSupport(), c.getPrecision(), c.getRecall(), c.getF1());
  }
}
