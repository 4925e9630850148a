package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Options the local API refuses, each with one line that says why (Main prints it and exits 2), never a stack. */
class MainOptionsTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"notaurl", "127.0.0.1:8000", "ftp://127.0.0.1:8000", "http://", "http://[::1"})
    void start_refusesADynamoDbEndpointThatIsNotAnHttpUrl(String endpoint) {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> Main.run(new String[] {"start", "--dynamodb-endpoint", endpoint}));

        assertEquals(
                "--dynamodb-endpoint takes a URL such as http://127.0.0.1:8000, not '" + endpoint + "'",
                refused.getMessage());
    }

    @Test
    void start_saysNoDynamoDbAnswered_whenTheEndpointHasNoServer() throws Exception {
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + closed;

        IllegalStateException refused = assertThrows(
                IllegalStateException.class,
                () -> Main.run(new String[] {
                    "start", "--port", "0", "--sqs-port", "0", "--no-warm", "--dynamodb-endpoint", endpoint
                }));

        assertTrue(refused.getMessage().startsWith("no DynamoDB answered at " + endpoint + " ("), refused.getMessage());
    }
}
