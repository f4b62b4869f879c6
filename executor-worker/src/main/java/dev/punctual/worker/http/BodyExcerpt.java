package dev.punctual.worker.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The first bytes of a response body.
 *
 * @param bytes at most the limit the body was read with
 * @param truncated whether the body was longer than that
 */
record BodyExcerpt(byte[] bytes, boolean truncated) {

  /** The excerpt as text; bytes that are not valid UTF-8 become replacement characters. */
  String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * A body subscriber that keeps the first {@code limit} bytes and stops reading (cancelling the
   * rest of the body) as soon as the body proves longer, so a huge answer costs no more than the
   * excerpt.
   */
  static BodySubscriber<BodyExcerpt> subscriber(int limit) {
    return new ExcerptSubscriber(limit);
  }

  private static final class ExcerptSubscriber implements BodySubscriber<BodyExcerpt> {

    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CompletableFuture<BodyExcerpt> result = new CompletableFuture<>();
    private Flow.Subscription subscription = NO_SUBSCRIPTION;

    ExcerptSubscriber(int limit) {
      this.limit = limit;
    }

    @Override
    public void onSubscribe(Flow.Subscription newSubscription) {
      this.subscription = newSubscription;
      newSubscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (result.isDone()) {
        return;
      }
      for (var buffer : buffers) {
        int room = limit - kept.size();
        int length = Math.min(room, buffer.remaining());
        var chunk = new byte[length];
        buffer.get(chunk);
        kept.writeBytes(chunk);
        if (buffer.hasRemaining()) {
          result.complete(new BodyExcerpt(kept.toByteArray(), true));
          subscription.cancel();
          return;
        }
      }
    }

    @Override
    public void onError(Throwable error) {
      result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      result.complete(new BodyExcerpt(kept.toByteArray(), false));
    }

    @Override
    public CompletionStage<BodyExcerpt> getBody() {
      return result;
    }
  }

  private static final Flow.Subscription NO_SUBSCRIPTION =
      new Flow.Subscription() {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
      };
}
