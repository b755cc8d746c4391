package io.feedbackpulse.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/** Public posts that mention the shop ({@code SocialPost}): short, with a handle, a platform and a link. */
final class SocialPosts implements ChannelMessages {

  static final int MAX_LENGTH = 280;
  private static final List<String> PLATFORMS = List.of("x", "instagram", "facebook", "mastodon");
  private static final List<String> TAGS = List.of("", " @ShopExample", " #ootd", " #fashion @ShopExample", " #shopping");

  @Override
  public SampleMessage create(SampleReview review, SplittableRandom random, Instant now) {
    String postId = Randoms.digits(random, 18);
    People.Person person = People.any(random);
    String handle = People.handle(person, random);
    String platform = Randoms.oneOf(random, PLATFORMS);
    String tag = Randoms.oneOf(random, TAGS);
    String sentences = Texts.firstSentences(review.text(), 1 + random.nextInt(3));

    ObjectNode value = JsonNodeFactory.instance.objectNode();
    value.put("postId", postId);
    value.put("text", Texts.shorten(sentences, MAX_LENGTH - tag.length()) + tag);
    value.put("platform", platform);
    JsonFields.putSometimes(value, "author", handle, 0.95, random);
    JsonFields.putSometimes(value, "url", url(platform, handle.substring(1), postId), 0.9, random);
    JsonFields.putTime(value, "postedAt", now, random);
    return new SampleMessage(postId, value);
  }

  private static String url(String platform, String user, String postId) {
    return switch (platform) {
      case "x" -> "https://x.com/" + user + "/status/" + postId;
      case "instagram" -> "https://www.instagram.com/p/" + Long.toString(Long.parseLong(postId), 36) + "/";
      case "facebook" -> "https://www.facebook.com/" + user + "/posts/" + postId;
      default -> "https://mastodon.social/@" + user + "/" + postId;
    };
  }
}
