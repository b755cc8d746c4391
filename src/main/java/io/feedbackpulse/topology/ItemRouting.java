package io.feedbackpulse.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Where an item falls in [0, 1), from a SHA-256 of its canonical id: the same on every instance, every retry
 * and every restart, so a challenger's share (canary) or sample (shadow) takes the same items whoever scores
 * them. An item goes to the challenger when its position is below the share.
 */
final class ItemRouting {
  private ItemRouting() {}

  static double position(String canonicalId) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonicalId.getBytes(StandardCharsets.UTF_8));
      // the top 53 bits, the precision of a double: uniform over [0, 1)
      return (ByteBuffer.wrap(hash).getLong() >>> 11) * 0x1.0p-53;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean toChallenger(String canonicalId, double share) {
    return position(canonicalId) < share;
  }
}
