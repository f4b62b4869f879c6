package dev.punctual.api.proxy;

import org.jspecify.annotations.Nullable;

/**
 * One hop of a forwarded chain: whom a proxy received the request from, and over which scheme.
 *
 * @param node the {@code for} of a {@code Forwarded} element or one entry of {@code
 *     X-Forwarded-For}, as sent: an address, possibly with a port, or {@code unknown} or an
 *     obfuscated identifier
 * @param proto the {@code proto} of the same {@code Forwarded} element; {@code null} when it has
 *     none or the hop comes from {@code X-Forwarded-For}
 */
record Hop(String node, @Nullable String proto) {}
