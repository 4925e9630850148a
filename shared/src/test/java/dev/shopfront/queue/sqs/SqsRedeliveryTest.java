package dev.shopfront.queue.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shopfront.devkit.SamTemplate;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SqsRedeliveryTest {
    @Test
    void delay_growsFourfoldPerReceive_upToTheQueuesVisibilityTimeout() {
        List<Duration> delays = IntStream.rangeClosed(1, 8)
                .mapToObj(receive -> SqsRedelivery.delay(Duration.ofSeconds(15), receive))
                .toList();

        assertEquals(
                List.of(15L, 60L, 181L, 181L, 181L, 181L, 181L, 181L),
                delays.stream().map(Duration::toSeconds).toList());
        // Eight receives wait out 980 s of outage before the dead-letter queue; five receives 181 s apart waited 724 s.
        assertEquals(
                980,
                delays.subList(0, 7).stream().mapToLong(Duration::toSeconds).sum());
    }

    @Test
    void cap_isTheImportQueuesVisibilityTimeout_asTemplateYamlSetsIt() {
        int visibilityTimeout = SamTemplate.ofRepository()
                .root()
                .path("Resources")
                .path("ImportQueue")
                .path("Properties")
                .path("VisibilityTimeout")
                .asInt();

        assertEquals(visibilityTimeout, SqsRedelivery.CAP.toSeconds());
    }
}
