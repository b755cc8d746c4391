package io.feedbackpulse.models;

import io.feedbackpulse.avro.ModelEvaluation;
import java.util.Locale;

/**
 * The registry already holds figures of a version on an eval set with this SHA-256 that are not what the same
 * bytes give now. The same model on the same set must give the same figures, so one of the two is wrong, and
 * neither may silently replace the other.
 */
public final class ConflictingFiguresException extends RuntimeException {
  /** @param now what differs now, such as {@code n=598} or {@code n=600, macro-F1 0.7612} */
  public ConflictingFiguresException(String version, ModelEvaluation recorded, String now) {
    super(String.format(Locale.ROOT, "the registry holds other figures of %s on eval set %s (%s): n=%d, macro-F1 "
        + "%.4f, recorded at %s, against %s now; the same model on the same bytes gives the same figures, so the "
        + "model or the way sets are read changed", version, recorded.getEvalSetName(), recorded.getEvalSetHash(),
        recorded.getN(), recorded.getMacroF1(), recorded.getEvaluatedAt(), now));
  }
}
