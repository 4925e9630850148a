package dev.shopfront.local;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as it reached the local API, before it becomes an API Gateway event.
 *
 * @param headers header names as sent, each with its values in order
 */
record IncomingRequest(
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> headers,
        byte[] body,
        String sourceIp,
        String protocol) {}
