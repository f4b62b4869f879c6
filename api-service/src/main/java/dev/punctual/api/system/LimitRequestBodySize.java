package dev.punctual.api.system;

import dev.punctual.api.ApiProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits request bodies to {@code punctual.api.max-request-body-size} ({@code
 * max-batch-request-body-size} for {@code POST /jobs/batch}). A declared {@code Content-Length}
 * over the limit is answered 413 before anything reads the body; a body without a length (chunked)
 * is counted while it is read, and reading past the limit throws {@link
 * RequestBodyTooLargeException}, which {@link ProblemAdvice} answers 413.
 */
@Component
class LimitRequestBodySize extends OncePerRequestFilter {

  static final String BATCH_PATH = "/jobs/batch";

  private final long maxBytes;
  private final long maxBatchBytes;

  LimitRequestBodySize(ApiProperties properties) {
    this.maxBytes = properties.maxRequestBodySize().toBytes();
    this.maxBatchBytes = properties.maxBatchRequestBodySize().toBytes();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = BATCH_PATH.equals(request.getRequestURI()) ? maxBatchBytes : maxBytes;
    if (request.getContentLengthLong() > limit) {
      FilterProblems.answer(request, response, new RequestBodyTooLargeException(limit));
      return;
    }
    chain.doFilter(new LimitedRequest(request, limit), response);
  }

  /** The request with a body that cannot be read past the limit. */
  private static final class LimitedRequest extends HttpServletRequestWrapper {

    private final long limit;
    private @Nullable ServletInputStream stream;
    private @Nullable BufferedReader reader;

    LimitedRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new LimitedInputStream(super.getInputStream(), limit);
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      if (reader == null) {
        var encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
      }
      return reader;
    }
  }

  /** Counts what is read and throws once the count passes the limit. */
  private static final class LimitedInputStream extends ServletInputStream {

    private final ServletInputStream in;
    private final long limit;
    private long count;

    LimitedInputStream(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    private void counted(int n) {
      count += n;
      if (count > limit) {
        throw new RequestBodyTooLargeException(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
