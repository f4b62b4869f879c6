package dev.punctual.benchmarks.chaos;

/**
 * What one client knows of one job it churns: only what the API acknowledged (a 2xx answer, or a
 * 404 to a retried delete, whose first attempt must have deleted it). A job whose write got no
 * answer within the retry deadline is {@code uncertain}: the client stops changing it, and the
 * checks skip it, since that write may or may not have happened.
 */
final class ChurnedJob {

  final String id;
  final boolean http;
  int revision;
  long ackedVersion;
  boolean ackedPaused;
  boolean deleted;
  boolean uncertain;

  ChurnedJob(String id, boolean http) {
    this.id = id;
    this.http = http;
  }

  /** Whether the client may still change it. */
  boolean live() {
    return !deleted && !uncertain && ackedVersion > 0;
  }
}
