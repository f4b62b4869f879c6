package dev.punctual.scheduler.system;

import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Leaves a hanging transaction on a partition, for tests: one transactional record of a producer id
 * that no transaction coordinator knows, written with a raw produce request (version 11, before the
 * brokers added partitions to transactions by themselves). No coordinator will ever write its
 * marker, as after a broker that shut down in the middle of a commit; {@code read_committed}
 * readers stop in front of it until it is aborted.
 *
 * <p>Written by hand because no Kafka client writes a transactional record outside a transaction
 * its coordinator knows; the broker must run with {@code transaction.partition.verification.enable
 * = false}, or it refuses the record.
 */
final class ForgedTransaction {

  private static final short VERSION = ProduceRequest.LAST_STABLE_VERSION_BEFORE_TRANSACTION_V2;

  private ForgedTransaction() {}

  /**
   * Writes the record with {@code timestampMs} as producer {@code producerId}, epoch 0, waiting
   * while the partition has no leader yet (a topic just created).
   */
  static void leaveOpen(
      String host, int port, TopicPartition partition, long producerId, long timestampMs) {
    await("the forged record written")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> tryWrite(host, port, partition, producerId, timestampMs));
  }

  private static boolean tryWrite(
      String host, int port, TopicPartition partition, long producerId, long timestampMs)
      throws IOException {
    var records =
        MemoryRecords.withTransactionalRecords(
            Compression.NONE,
            producerId,
            (short) 0,
            0,
            new SimpleRecord(
                timestampMs,
                "forged".getBytes(StandardCharsets.UTF_8),
                "never committed".getBytes(StandardCharsets.UTF_8)));
    var topics = new ProduceRequestData.TopicProduceDataCollection();
    topics.add(
        new ProduceRequestData.TopicProduceData()
            .setName(partition.topic())
            .setPartitionData(
                List.of(
                    new ProduceRequestData.PartitionProduceData()
                        .setIndex(partition.partition())
                        .setRecords(records))));
    var data =
        new ProduceRequestData()
            .setAcks((short) -1)
            .setTimeoutMs(30_000)
            .setTransactionalId("punctual-test-forged-" + producerId)
            .setTopicData(topics);
    var header = new RequestHeader(ApiKeys.PRODUCE, VERSION, "punctual-test", 1);
    ByteBuffer request =
        new ProduceRequest.Builder(VERSION, VERSION, data)
            .build(VERSION)
            .serializeWithHeader(header);
    try (var socket = new Socket(host, port);
        var out = new DataOutputStream(socket.getOutputStream());
        var in = new DataInputStream(socket.getInputStream())) {
      var bytes = new byte[request.remaining()];
      request.get(bytes);
      out.writeInt(bytes.length);
      out.write(bytes);
      out.flush();
      var answer = new byte[in.readInt()];
      in.readFully(answer);
      var response =
          (ProduceResponse) AbstractResponse.parseResponse(ByteBuffer.wrap(answer), header);
      var errors = response.errorCounts().keySet();
      if (errors.equals(Set.of(Errors.NONE))) {
        return true;
      }
      if (errors.stream().allMatch(error -> error.exception() instanceof RetriableException)) {
        return false;
      }
      throw new IllegalStateException("the broker refused the forged record: " + errors);
    }
  }
}
