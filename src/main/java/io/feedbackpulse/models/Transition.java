package io.feedbackpulse.models;

import io.feedbackpulse.avro.ModelManifest;
import java.util.List;

/** What a lifecycle command comes to: manifests to write, nothing to do, or a refusal; each with one line. */
public sealed interface Transition {
  String message();

  /** Write these manifests, in one transaction. */
  record Changed(List<ModelManifest> writes, String message) implements Transition {
    public Changed {
      writes = List.copyOf(writes);
    }
  }

  /** The registry already is as asked: not an error. */
  record Unchanged(String message) implements Transition {}

  /** Not allowed as the registry stands, or refused by the gate. */
  record Refused(String message) implements Transition {}
}
