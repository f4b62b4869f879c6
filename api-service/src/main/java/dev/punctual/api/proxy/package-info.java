/**
 * The API behind a reverse proxy or gateway: the client's address and scheme taken from {@code
 * Forwarded} (RFC 7239) or {@code X-Forwarded-For}/{@code X-Forwarded-Proto}, but only when the
 * request comes from a configured trusted proxy, so that the audit log and the rate limits see the
 * real client and no client can claim another's address.
 */
@NullMarked
package dev.punctual.api.proxy;

import org.jspecify.annotations.NullMarked;
