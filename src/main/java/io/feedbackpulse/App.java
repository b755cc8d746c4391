package io.feedbackpulse;

public final class App {
  public static void main(String[] args) {
  }
}
