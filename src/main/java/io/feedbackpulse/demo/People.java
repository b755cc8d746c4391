package io.feedbackpulse.demo;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Made-up customers: names, e-mail addresses on reserved example domains, social handles. */
final class People {

  private static final List<String> FIRST_NAMES = List.of(
      "Emma", "Olivia", "Ava", "Sophia", "Mia", "Isabella", "Amelia", "Harper", "Evelyn", "Abigail",
      "Grace", "Chloe", "Zoe", "Nora", "Lily", "Hannah", "Maya", "Leah", "Aisha", "Priya",
      "Sofia", "Lucia", "Mei", "Yuki", "Fatima", "Ingrid", "Chiara", "Rosa", "Naomi", "Elena");
  private static final List<String> LAST_NAMES = List.of(
      "Smith", "Johnson", "Williams", "Brown", "Garcia", "Miller", "Davis", "Martinez", "Lopez", "Wilson",
      "Anderson", "Taylor", "Thomas", "Moore", "Lee", "Walker", "Hall", "Young", "King", "Wright",
      "Nguyen", "Patel", "Kim", "Rossi", "Schmidt", "Dubois", "Novak", "Silva", "Khan", "Okafor");
  private static final List<String> MAIL_DOMAINS = List.of("example.com", "example.org", "example.net");

  private People() {
  }

  record Person(String firstName, String lastName) {
    String fullName() {
      return firstName + " " + lastName;
    }
  }

  static Person any(SplittableRandom random) {
    return new Person(Randoms.oneOf(random, FIRST_NAMES), Randoms.oneOf(random, LAST_NAMES));
  }

  static String emailAddress(Person person, SplittableRandom random) {
    String local = switch (random.nextInt(3)) {
      case 0 -> person.firstName() + "." + person.lastName();
      case 1 -> person.firstName().charAt(0) + person.lastName() + random.nextInt(100);
      default -> person.firstName() + random.nextInt(1000);
    };
    return local.toLowerCase(Locale.ROOT) + "@" + Randoms.oneOf(random, MAIL_DOMAINS);
  }

  static String handle(Person person, SplittableRandom random) {
    String handle = switch (random.nextInt(3)) {
      case 0 -> person.firstName() + "_" + person.lastName();
      case 1 -> person.firstName() + "loves" + Randoms.oneOf(random, List.of("style", "fashion", "dresses"));
      default -> person.firstName().charAt(0) + person.lastName() + random.nextInt(100);
    };
    return "@" + handle.toLowerCase(Locale.ROOT);
  }
}
