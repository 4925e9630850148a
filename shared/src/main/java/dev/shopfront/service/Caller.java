package dev.shopfront.service;

import java.time.Instant;

/**
 * Who a good access token stands for, and until when. The Lambda authorizer passes both to the route's function:
 * API Gateway keeps an authorizer's answer for minutes (its {@code ReauthorizeEvery}), which may run past the token's
 * expiry, so the function checks the expiry itself (ApiRequest).
 */
public record Caller(String userId, Instant tokenExpiresAt) {}
