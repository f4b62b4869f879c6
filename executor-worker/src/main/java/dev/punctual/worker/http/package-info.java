/**
 * HTTP targets: one pooled {@code java.net.http.HttpClient} that never follows redirects sends the
 * target's request with {@code Idempotency-Key} and {@code X-Punctual-*} headers and turns the
 * answer (or its absence) into a status, a detail object and an error message a person can act on.
 * A {@link dev.punctual.worker.http.DestinationCheck} runs before each request is sent.
 */
@NullMarked
package dev.punctual.worker.http;

import org.jspecify.annotations.NullMarked;
