/**
 * Real servers started inside the JVM: {@link dev.punctual.embedded.EmbeddedKafka}, one Kafka
 * broker in KRaft mode (broker and controller in one node), and {@link
 * dev.punctual.embedded.EmbeddedPostgres}, a PostgreSQL server from zonky's binaries. Both keep
 * their data in a directory of the caller's choice, so the standalone system survives a restart,
 * and both take fixed or free ports, so tests can run side by side.
 */
@NullMarked
package dev.punctual.embedded;

import org.jspecify.annotations.NullMarked;
