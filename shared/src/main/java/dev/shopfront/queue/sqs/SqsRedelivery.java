package dev.shopfront.queue.sqs;

import dev.shopfront.log.JsonLog;
import dev.shopfront.log.LogLevel;
import dev.shopfront.queue.Redelivery;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@link Redelivery} with SQS's {@code ChangeMessageVisibility}: after the first failed receive the message comes back
 * in {@code first}, then four times later each time (15 s, 60 s, then the cap), so a short outage costs seconds and a
 * long one is not retried in a tight loop. The SQS client is built at the first failure, so a consumer that never
 * fails never loads it.
 */
public final class SqsRedelivery implements Redelivery {
    /** The template's queue visibility timeout: a message never waits longer than it would have without this. */
    static final Duration CAP = Duration.ofSeconds(181);

    private final Supplier<SqsClient> sqs;
    private final String queueUrl;
    private final Duration first;
    private SqsClient client;

    /** @param sqs called at the first failure only, once */
    public SqsRedelivery(Supplier<SqsClient> sqs, String queueUrl, Duration first) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.first = first;
    }

    @Override
    public void soon(String receiptHandle, int receiveCount) {
        Duration delay = delay(first, receiveCount);
        try {
            client().changeMessageVisibility(r -> r.queueUrl(queueUrl)
                    .receiptHandle(receiptHandle)
                    .visibilityTimeout(Math.toIntExact(delay.toSeconds())));
        } catch (SdkException failure) {
            JsonLog.at(
                            LogLevel.WARN,
                            "A failed message could not be brought back sooner; it comes back after the"
                                    + " queue's visibility timeout")
                    .failure(failure)
                    .write();
        }
    }

    /** {@code first}, four times longer for each receive after the first, never past {@link #CAP}. */
    static Duration delay(Duration first, int receiveCount) {
        Duration delay = first;
        for (int receive = 1; receive < receiveCount && delay.compareTo(CAP) < 0; receive++) {
            delay = delay.multipliedBy(4);
        }
        return delay.compareTo(CAP) < 0 ? delay : CAP;
    }

    private synchronized SqsClient client() {
        if (client == null) {
            client = sqs.get();
        }
        return client;
    }
}
