package io.feedbackpulse.quality;

/** How many items a channel has sent for review in the minute (of stream time) that starts at {@code minute}. */
record ReviewRate(long minute, int sent) {}
