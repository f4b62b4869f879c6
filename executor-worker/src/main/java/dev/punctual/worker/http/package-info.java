/**
 * HTTP targets: one pooled client ({@link dev.punctual.worker.http.TargetHttpClient}) that never
 * follows redirects sends the target's request with {@code Idempotency-Key} and {@code
 * X-Punctual-*} headers and turns the answer (or its absence) into a status, a detail object and an
 * error message a person can act on. The client resolves host names with a {@link
 * dev.punctual.worker.http.DestinationCheck} and connects only to the addresses it approved; in the
 * application it is {@link dev.punctual.worker.http.DestinationRules}, the protection against
 * server-side request forgery: every address the host resolves to is classified ({@link
 * dev.punctual.worker.http.AddressCategory}) and anything but a public address is refused unless
 * {@code punctual.worker.allowed-hosts} or {@code allowed-cidrs} allow it (cloud metadata addresses
 * never).
 */
@NullMarked
package dev.punctual.worker.http;

import org.jspecify.annotations.NullMarked;
