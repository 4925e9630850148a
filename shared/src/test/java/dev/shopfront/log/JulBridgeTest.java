package dev.shopfront.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Libraries' logging (JUL, the JDK's System.Logger, SLF4J) reaches the one JSON path once the bridge is installed. */
class JulBridgeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final CapturedLog log = new CapturedLog("f");

    private final List<String> logged = log.lines();
    private Handler[] before;
    private Level levelBefore;

    @BeforeEach
    void install() {
        Logger root = LogManager.getLogManager().getLogger("");
        before = root.getHandlers();
        levelBefore = root.getLevel();
        JulBridge.install();
    }

    @AfterEach
    void restore() {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        for (Handler handler : before) {
            root.addHandler(handler);
        }
        root.setLevel(levelBefore);
    }

    @Test
    void slf4j_systemLogger_andJul_eachWriteOneJsonLine_atTheirLevel() throws Exception {
        LoggerFactory.getLogger("software.amazon.awssdk.test").warn("sdk says {}", "hello");
        System.getLogger("jdk.test").log(System.Logger.Level.ERROR, "jdk says", new IllegalStateException("boom"));
        Logger.getLogger("org.hibernate.validator.test").info("validator says");
        Logger.getLogger("org.hibernate.validator.test").fine("below the level");

        assertEquals(3, logged.size(), logged::toString);
        JsonNode sdk = JSON.readTree(logged.get(0));
        assertEquals("WARN", sdk.get("level").asText());
        assertEquals("sdk says hello", sdk.get("message").asText());
        assertEquals("software.amazon.awssdk.test", sdk.get("logger").asText());
        JsonNode jdk = JSON.readTree(logged.get(1));
        assertEquals("ERROR", jdk.get("level").asText());
        assertEquals("java.lang.IllegalStateException", jdk.get("errorType").asText());
        assertTrue(jdk.get("stackTrace").asText().contains("\tat dev.shopfront.log.JulBridgeTest"), jdk::toString);
        JsonNode validator = JSON.readTree(logged.get(2));
        assertEquals("INFO", validator.get("level").asText());
        assertEquals("f", validator.get("functionName").asText());
    }
}
