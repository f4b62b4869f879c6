package dev.punctual.api.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.api.testing.ApiClient;
import dev.punctual.api.testing.Jobs;
import dev.punctual.api.testing.RunningApi;
import dev.punctual.api.testing.TestServers;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Real HTTP against a started API that trusts one proxy, 127.0.0.2: requests sent from that address
 * are audited and rate-limited as the client their forwarded headers name, requests sent from
 * 127.0.0.1 (not trusted) as 127.0.0.1 whatever their headers say.
 */
class ForwardedHeadersIT {

  private static final int BURST = 20;
  private static final String EVERY_MINUTE = "\"every\": \"PT1M\"";

  private static RunningApi running;
  private static ApiClient proxy;
  private static ApiClient direct;

  @BeforeAll
  static void start() throws Exception {
    var arguments = new ArrayList<String>();
    arguments.addAll(TestServers.database("forwarded"));
    arguments.addAll(TestServers.topics("forwarded"));
    arguments.add("--punctual.api.trusted-proxies=127.0.0.2, 10.0.0.0/8");
    arguments.add("--punctual.api.rate-limit.requests-per-second=1");
    arguments.add("--punctual.api.rate-limit.burst=" + BURST);
    arguments.add("--punctual.api.rate-limit.sync-interval=0");
    running = RunningApi.start(arguments);
    int port =
        running.context().getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    proxy = ApiClient.from(InetAddress.getByName("127.0.0.2"), port);
    direct = ApiClient.from(InetAddress.getByName("127.0.0.1"), port);
  }

  @AfterAll
  static void stop() {
    if (running != null) {
      running.close();
    }
  }

  @Test
  void fromTheTrustedProxyTheClientIsTheRightMostUntrustedHop() {
    assertThat(auditedAddressOfACreate(proxy, "X-Forwarded-For", "203.0.113.7"))
        .isEqualTo("203.0.113.7");
    // a client that writes its own X-Forwarded-For only adds hops left of what the proxy saw
    assertThat(auditedAddressOfACreate(proxy, "X-Forwarded-For", "1.2.3.4, 203.0.113.7"))
        .isEqualTo("203.0.113.7");
    // hops of other trusted proxies (10.0.0.0/8) are skipped
    assertThat(auditedAddressOfACreate(proxy, "X-Forwarded-For", "1.2.3.4, 203.0.113.9, 10.1.2.3"))
        .isEqualTo("203.0.113.9");
    assertThat(
            auditedAddressOfACreate(
                proxy, "Forwarded", "for=1.2.3.4, for=\"[2001:db8:cafe::17]:4711\";proto=https"))
        .isEqualTo("2001:db8:cafe::17");
    assertThat(
            auditedAddressOfACreate(
                proxy, "Forwarded", "for=198.51.100.4;proto=https, for=10.9.8.7"))
        .isEqualTo("198.51.100.4");
  }

  @Test
  void fromAnyoneElseTheHeadersAreIgnored() {
    assertThat(auditedAddressOfACreate(direct, "X-Forwarded-For", "203.0.113.7"))
        .isEqualTo("127.0.0.1");
    assertThat(auditedAddressOfACreate(direct, "Forwarded", "for=203.0.113.7"))
        .isEqualTo("127.0.0.1");
    // and without headers, the trusted proxy itself is the client
    assertThat(auditedAddressOfACreate(proxy, "X-Request-Note", "no forwarded header"))
        .isEqualTo("127.0.0.2");
  }

  @Test
  void eachForwardedClientHasABudgetOfItsOwnAndNobodyElseCanSpendIt() {
    running.bean(JdbcClient.class).sql("DELETE FROM rate_limit_buckets").update();
    // when one client behind the proxy uses up its budget
    long started = System.nanoTime();
    int accepted = 0;
    while (proxy.get("/jobs", "X-Forwarded-For", "203.0.113.20").status() == 200) {
      accepted++;
      assertThat(accepted).as("accepted for one client").isLessThanOrEqualTo(10 * BURST);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(accepted).isBetween(BURST, BURST + (int) Math.ceil(seconds) + 1);

    // then another client behind the same proxy still has its whole budget
    var other = proxy.get("/jobs", "X-Forwarded-For", "203.0.113.21");
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.header("RateLimit-Remaining")).isEqualTo(String.valueOf(BURST - 1));
    // and a direct sender naming the first client draws on its own budget, not the client's
    var spoofed = direct.get("/jobs", "X-Forwarded-For", "203.0.113.20");
    assertThat(spoofed.status()).isEqualTo(200);
    assertThat(
            running
                .bean(JdbcClient.class)
                .sql("SELECT id FROM rate_limit_buckets ORDER BY id")
                .query(String.class)
                .list())
        .contains("203.0.113.20", "203.0.113.21", "127.0.0.1")
        .doesNotContain("127.0.0.2");
  }

  /** Creates a job through {@code client} with one header, and reads its audit entry's address. */
  private static String auditedAddressOfACreate(ApiClient client, String header, String value) {
    var id = "forwarded-" + UUID.randomUUID();
    var created = client.post("/jobs", Jobs.definition(id, EVERY_MINUTE), header, value);
    assertThat(created.status()).as("create %s", id).isEqualTo(201);
    // read straight from the table: reading it over HTTP would spend the senders' budgets
    return running
        .bean(JdbcClient.class)
        .sql("SELECT remote_address FROM audit_log WHERE job_id = ?")
        .param(id)
        .query(String.class)
        .single();
  }
}
