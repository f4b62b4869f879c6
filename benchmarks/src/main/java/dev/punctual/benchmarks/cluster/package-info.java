/**
 * The system under test: an {@link dev.punctual.benchmarks.cluster.EmbeddedCluster} (a Kafka
 * broker, and PostgreSQL with the API when needed, in this JVM; schedulers and workers as separate
 * processes started from their runnable jars, so their memory can be measured and they can be
 * killed), a {@link dev.punctual.benchmarks.cluster.StandaloneCluster} (the standalone's runnable
 * jar as one process, with its defaults) or an {@link
 * dev.punctual.benchmarks.cluster.ExternalCluster} given by addresses.
 */
@NullMarked
package dev.punctual.benchmarks.cluster;

import org.jspecify.annotations.NullMarked;
