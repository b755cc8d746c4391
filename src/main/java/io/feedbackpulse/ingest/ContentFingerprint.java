package io.feedbackpulse.ingest;

import io.feedbackpulse.avro.Feedback;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * What makes two versions of one feedback item the same item for deduplication: the SHA-256 of the
 * fields that change its verdict or where its alert goes, namely the normalized {@code text},
 * {@code subject}, {@code customerId}, {@code orderId}, {@code productId}, {@code productCategory},
 * {@code rating} and {@code platform}.
 *
 * <p>Left out on purpose: {@code id}, {@code channel} and {@code sourceId} (they are the key being
 * compared); {@code eventTime} and {@code eventTimeSource} (a retry of a record without a time field
 * gets a new record timestamp, and a replayed file may be re-stamped); {@code originalText} (a copy
 * re-rendered with other HTML, whitespace or quoted history normalizes to the same text and would be
 * scored the same); {@code attributes} (free-form producer fields such as {@code appVersion} or a
 * trace id, which can differ between sends of one item); and {@code revision}, which deduplication sets.
 */
public final class ContentFingerprint {
  private ContentFingerprint() {}

  public static String of(Feedback f) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    field(sha, f.getText());
    field(sha, f.getSubject());
    field(sha, f.getCustomerId());
    field(sha, f.getOrderId());
    field(sha, f.getProductId());
    field(sha, f.getProductCategory());
    field(sha, f.getRating() == null ? null : f.getRating().toString());
    field(sha, f.getPlatform());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
  }

  /** Absent and empty differ, and a length prefix keeps ("ab", "c") apart from ("a", "bc"). */
  private static void field(MessageDigest sha, CharSequence value) {
    if (value == null) {
      sha.update((byte) 0);
      return;
    }
    byte[] bytes = value.toString().getBytes(StandardCharsets.UTF_8);
    sha.update((byte) 1);
    sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
    sha.update(bytes);
  }
}
