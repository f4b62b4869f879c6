/**
 * All of Punctual in one JVM: an embedded Kafka broker and PostgreSQL, the topics, and the three
 * services (API, scheduler, worker) as separate Spring application contexts, each with its own
 * configuration file and HTTP port. {@link dev.punctual.standalone.PunctualSystem} is the
 * start-and-stop unit that the command line, the end-to-end tests and the benchmarks share.
 */
@NullMarked
package dev.punctual.standalone;

import org.jspecify.annotations.NullMarked;
