package dev.punctual.api.outbox;

import dev.punctual.model.topic.Topics;

/** Which topic an outbox row is for (the {@code kind} column). */
enum RecordKind {
  /** A definition or tombstone for the jobs topic. */
  JOB,
  /** A command for the commands topic. */
  COMMAND;

  String topic(Topics topics) {
    return switch (this) {
      case JOB -> topics.jobs().name();
      case COMMAND -> topics.commands().name();
    };
  }
}
