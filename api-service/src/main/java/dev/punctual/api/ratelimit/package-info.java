/**
 * Rate limits per caller, shared by every API instance: a Bucket4j token bucket per {@link
 * dev.punctual.api.security.Caller#rateLimitKey()} kept in PostgreSQL, checked by a servlet filter
 * after authentication. Every answer carries the {@code RateLimit-*} headers; a request over the
 * budget is answered 429; when PostgreSQL cannot be asked, requests pass (fail open) and are
 * counted.
 */
@NullMarked
package dev.punctual.api.ratelimit;

import org.jspecify.annotations.NullMarked;
