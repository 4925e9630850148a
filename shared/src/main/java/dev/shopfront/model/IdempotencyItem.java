package dev.shopfront.model;

import java.util.Map;

/**
 * One idempotency key of one caller on one route (docs/idempotency.md): while a request runs, a lease
 * naming it; once it succeeded, the answer to replay. {@code expiresAt} (epoch seconds) is the
 * table's TTL attribute, and every condition compares it too, since TTL deletion comes late or, for
 * dynalite, never.
 */
public final class IdempotencyItem {
    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String COMPLETED = "COMPLETED";

    private String id;
    private String state;
    private String fingerprint;
    private String resourceId;
    private String leaseOwner;
    private Long leaseUntilMillis;
    private Long expiresAt;
    private Integer status;
    private Map<String, String> headers;
    private String body;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    /** {@link #IN_PROGRESS} or {@link #COMPLETED}. */
    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    /** The sealed digest of the first request's body and content type. */
    public String getFingerprint() {
        return fingerprint;
    }

    public void setFingerprint(String fingerprint) {
        this.fingerprint = fingerprint;
    }

    /** The id the request creates its resource under, kept for every retry of it. */
    public String getResourceId() {
        return resourceId;
    }

    public void setResourceId(String resourceId) {
        this.resourceId = resourceId;
    }

    /** The attempt that holds the lease; absent once completed. */
    public String getLeaseOwner() {
        return leaseOwner;
    }

    public void setLeaseOwner(String leaseOwner) {
        this.leaseOwner = leaseOwner;
    }

    /** Until when (epoch milliseconds) the attempt holding the lease may still be running. */
    public Long getLeaseUntilMillis() {
        return leaseUntilMillis;
    }

    public void setLeaseUntilMillis(Long leaseUntilMillis) {
        this.leaseUntilMillis = leaseUntilMillis;
    }

    /** Epoch seconds after which the record counts for nothing (and the TTL attribute). */
    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }

    public Integer getStatus() {
        return status;
    }

    public void setStatus(Integer status) {
        this.status = status;
    }

    public Map<String, String> getHeaders() {
        return headers;
    }

    public void setHeaders(Map<String, String> headers) {
        this.headers = headers;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    @Override
    public String toString() {
        // The id holds the client's key and the body the resource: neither goes to a log.
        return "IdempotencyItem[state=" + state + ", resourceId=" + resourceId + ", leaseUntilMillis="
                + leaseUntilMillis + ", expiresAt=" + expiresAt + ", status=" + status + "]";
    }
}
