package dev.shopfront.devkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Starting dynalite on a port someone else holds. */
class DynaliteTest {
    @Test
    void aStartOnAnyPort_triesAnother_whenTheFreePortItFoundIsTakenBeforeDynaliteBindsIt() throws Exception {
        int free = aFreePort();
        try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Deque<Integer> found = new ArrayDeque<>(List.of(holder.getLocalPort(), free));

            try (Dynalite dynalite = Dynalite.startOnAFreePort(found::removeFirst, null)) {
                assertEquals(free, dynalite.port());
                assertTrue(found.isEmpty(), "the taken port was tried first");
            }
        }
    }

    @Test
    void aStartOnAGivenPort_thatIsTaken_failsNamingIt() throws Exception {
        try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IllegalStateException failure =
                    assertThrows(IllegalStateException.class, () -> Dynalite.start(holder.getLocalPort(), null));

            assertTrue(
                    failure.getMessage().contains("port " + holder.getLocalPort() + " is in use"),
                    failure.getMessage());
        }
    }

    private static int aFreePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
