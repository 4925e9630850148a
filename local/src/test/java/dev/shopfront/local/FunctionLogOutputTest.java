package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FunctionLogOutputTest {
    /** An invocation's line: its access fields, and an EMF document of its metrics. */
    private static final String ACCESS =
            "{\"timestamp\":\"2026-11-25T12:00:01.234Z\",\"level\":\"INFO\",\"message\":\"request\",\"functionName\":\"GetUserFunction\",\"requestId\":\"CqLp\",\"route\":\"GET"
                + " /users/{id}\",\"status\":200,\"durationMs\":3.1,\"Latency\":3.1,\"Errors4xx\":0,\"Errors5xx\":0,\"ColdStart\":1,\"Service\":\"shopfront\",\"Route\":\"GET"
                + " /users/{id}\",\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"Shopfront\",\"Dimensions\":"
                + "[[\"Service\",\"Route\"]],\"Metrics\":[{\"Name\":\"Latency\",\"Unit\":\"Milliseconds\"},{\"Name\":\"Errors4xx\",\"Unit\":\"Count\"},"
                + "{\"Name\":\"Errors5xx\",\"Unit\":\"Count\"},{\"Name\":\"ColdStart\",\"Unit\":\"Count\"}]}]}}";
    /** A line that is only an EMF document, as a function may write one: counted, never shown. */
    private static final String EMF =
            "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"Shopfront\",\"Dimensions\":"
                + "[[\"Service\",\"Route\"]],\"Metrics\":[{\"Name\":\"Latency\",\"Unit\":\"Milliseconds\"}]}]},\"Service\":\"shopfront\",\"Route\":\"GET"
                + " /users/{id}\",\"Latency\":9.0,\"Errors4xx\":0,\"Errors5xx\":1,\"ColdStart\":0}";

    private final ByteArrayOutputStream shown = new ByteArrayOutputStream();

    @Test
    void aJsonLine_isRenderedOnOneReadableLine_withoutItsMetrics_andEmfOnlyLinesAreHidden() {
        PrintStream out = output(false);

        out.println(ACCESS);
        out.println(EMF);
        out.println("Shopfront local API ready");

        String[] lines = shown().split("\n");
        assertEquals(2, lines.length, shown());
        assertTrue(
                lines[0].matches("\\d{2}:\\d{2}:\\d{2}\\.234 INFO  GetUserFunction CqLp request route=GET /users/\\{id}"
                        + " status=200 durationMs=3.1"),
                lines[0]);
        assertEquals("Shopfront local API ready", lines[1]);
    }

    @Test
    void logFormatJson_showsTheRawLines_asCloudWatchGetsThem_butNoEmfOnlyLine() {
        PrintStream out = output(true);

        out.println(ACCESS);
        out.println(EMF);

        assertEquals(ACCESS + "\n", shown());
    }

    @Test
    void aFailure_showsItsStackTraceIndentedBelowTheLine() {
        PrintStream out = output(false);

        out.println("{\"timestamp\":\"2026-11-25T12:00:01.234Z\",\"level\":\"ERROR\",\"message\":\"Unexpected"
            + " failure\",\"errorType\":\"dev.shopfront.error.StorageException\",\"stackTrace\":\"dev.shopfront.error.StorageException\\n"
            + "\\tat a.B.c(B.java:1)\\n"
            + "\"}");

        assertTrue(
                shown().contains("ERROR Unexpected failure errorType=dev.shopfront.error.StorageException\n"
                        + "    dev.shopfront.error.StorageException\n"
                        + "    \tat a.B.c"),
                shown());
    }

    @Test
    void linesSplitAcrossWrites_orSeveralInOneWrite_areEachShownOnce() {
        FunctionLogOutput output = new FunctionLogOutput(new PrintStream(shown, true, StandardCharsets.UTF_8), true);
        byte[] two = (ACCESS + "\n" + ACCESS.replace("CqLp", "Zx9") + "\n" + "{\"par").getBytes(StandardCharsets.UTF_8);

        output.write(two, 0, two.length);
        for (byte b : "tial\":1}\n".getBytes(StandardCharsets.UTF_8)) {
            output.write(b);
        }

        assertEquals(ACCESS + "\n" + ACCESS.replace("CqLp", "Zx9") + "\n" + "{\"partial\":1}\n", shown());
    }

    @Test
    void theMetricsSummary_sumsTheEmfDocumentsPerRoute_whetherOrNotTheyAreLogLinesToo() {
        FunctionLogOutput output = new FunctionLogOutput(new PrintStream(shown, true, StandardCharsets.UTF_8), false);
        PrintStream out = output.asPrintStream();
        out.println(ACCESS);
        out.println(EMF);
        shown.reset();

        output.printMetrics();

        String summary = shown();
        assertTrue(summary.contains("GET /users/{id}"), summary);
        assertTrue(summary.matches("(?s).*GET /users/\\{id}\\s+2\\s+0\\s+1\\s+1\\s+3\\.1\\s+9\\.0.*"), summary);
        assertFalse(summary.contains("_aws"));
    }

    private PrintStream output(boolean raw) {
        return new FunctionLogOutput(new PrintStream(shown, true, StandardCharsets.UTF_8), raw).asPrintStream();
    }

    private String shown() {
        return shown.toString(StandardCharsets.UTF_8);
    }
}
