/**
 * Live fires and results for the dashboard ({@code GET /events}, {@code GET /jobs/{id}/events}):
 * each batch the fires and results projections commit is sent, as server-sent events, to the
 * connected callers that may read its jobs. Bounded on every side: a maximum of connections per
 * instance, a queue per connection whose overflow disconnects the slow client (the projection never
 * waits for a client), a heartbeat, and a timeout after which the client reconnects.
 */
@NullMarked
package dev.punctual.api.live;

import org.jspecify.annotations.NullMarked;
