package dev.shopfront.devkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Where ElasticMQ listens: the port it bound, never one found free beforehand. */
class LocalSqsTest {
    @Test
    void twoServersOnPortZero_bindPortsOfTheirOwn_andTheirQueueUrlsNameThem() {
        try (LocalSqs first = LocalSqs.start();
                LocalSqs second = LocalSqs.start()) {
            URI url = URI.create(
                    first.client().createQueue(r -> r.queueName("orders")).queueUrl());

            assertNotEquals(first.endpoint(), second.endpoint());
            assertEquals(first.endpoint().getPort(), url.getPort());
            assertEquals(
                    url.toString(),
                    first.client().getQueueUrl(r -> r.queueName("orders")).queueUrl());
        }
    }

    @Test
    void aStartOnAGivenPort_thatIsTaken_failsNamingIt() throws Exception {
        try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IllegalStateException failure =
                    assertThrows(IllegalStateException.class, () -> LocalSqs.start(holder.getLocalPort()));

            assertTrue(failure.getMessage().contains(":" + holder.getLocalPort()), failure.getMessage());
        }
    }
}
