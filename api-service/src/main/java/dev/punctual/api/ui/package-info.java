/**
 * The dashboard at {@code /ui}: a small static app (HTML, CSS and modern JavaScript in {@code
 * static/ui}, no build step and nothing loaded from elsewhere) that reads and changes jobs through
 * the REST API with the caller's own credential, and follows live fires and results. Its files hold
 * no data, so they are served without a credential, under a strict Content-Security-Policy.
 */
@NullMarked
package dev.punctual.api.ui;

import org.jspecify.annotations.NullMarked;
