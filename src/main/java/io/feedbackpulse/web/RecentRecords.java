package io.feedbackpulse.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/** The last N records seen, newest first; thread-safe. */
final class RecentRecords<T> {
  private final int capacity;
  private final ArrayDeque<T> records;

  RecentRecords(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    this.records = new ArrayDeque<>(capacity);
  }

  synchronized void add(T record) {
    if (records.size() == capacity) {
      records.removeLast();
    }
    records.addFirst(record);
  }

  /** Up to limit records that match, newest first. */
  synchronized List<T> newest(int limit, Predicate<T> filter) {
    List<T> out = new ArrayList<>(Math.min(limit, records.size()));
    for (Iterator<T> it = records.iterator(); it.hasNext() && out.size() < limit; ) {
      T record = it.next();
      if (filter.test(record)) {
        out.add(record);
      }
    }
    return out;
  }
}
