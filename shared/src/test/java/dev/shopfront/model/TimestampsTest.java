package dev.shopfront.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2026-11-24T22:11:28.123Z,           2026-11-24T22:11:28.123Z",
        "2026-11-24T22:11:28Z,               2026-11-24T22:11:28.000Z",
        "2026-11-24T22:11:28.100Z,           2026-11-24T22:11:28.100Z",
        "2026-11-24T22:11:28.123999999Z,     2026-11-24T22:11:28.123Z",
        "2026-11-24T22:11:28.000999Z,        2026-11-24T22:11:28.000Z",
        "1970-01-01T00:00:00Z,               1970-01-01T00:00:00.000Z",
        "2026-12-31T23:59:59.999999999Z,     2026-12-31T23:59:59.999Z"
    })
    void format_isIsoUtcWithExactlyThreeFractionDigits_truncated(String instant, String expected) {
        assertEquals(expected, Timestamps.format(Instant.parse(instant)));
    }

    @Test
    void format_writesUtc_whateverTheOffsetTheInstantCameFrom() {
        Instant fromOffset =
                OffsetDateTime.parse("2026-11-25T00:11:28.123+02:00").toInstant();

        assertEquals("2026-11-24T22:11:28.123Z", Timestamps.format(fromOffset));
    }

    @Test
    void format_readsBackAsTheSameMillisecond() {
        Instant now = Instant.now();

        assertEquals(now.toEpochMilli(), Instant.parse(Timestamps.format(now)).toEpochMilli());
    }
}
