/**
 * The chaos scenario's parts: the HTTP target that records every call, the clients that change jobs
 * through the API while processes are killed, the ledger of every fire and result read back from
 * the topics, and the checks that count what went wrong (each count must be 0).
 */
@NullMarked
package dev.punctual.benchmarks.chaos;

import org.jspecify.annotations.NullMarked;
