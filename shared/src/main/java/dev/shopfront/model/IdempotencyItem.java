package dev.shopfront.model;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * One idempotency key of one caller on one route (docs/idempotency.md): while a request runs, a lease
 * naming it; once it succeeded, the answer to replay. {@code expiresAt} (epoch seconds) is the
 * table's TTL attribute, and every condition compares it too, since TTL deletion comes late or, for
 * dynalite, never.
 */
public final class IdempotencyItem {
    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String COMPLETED = "COMPLETED";

    public static final TableSchema<IdempotencyItem> SCHEMA = StaticTableSchema.builder(IdempotencyItem.class)
            .newItemSupplier(IdempotencyItem::new)
            .addAttribute(String.class, a -> a.name("id").getter(IdempotencyItem::getId).setter(IdempotencyItem::setId)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("state").getter(IdempotencyItem::getState).setter(IdempotencyItem::setState))
            .addAttribute(String.class, a -> a.name("fingerprint").getter(IdempotencyItem::getFingerprint)
                    .setter(IdempotencyItem::setFingerprint))
            .addAttribute(String.class, a -> a.name("resourceId").getter(IdempotencyItem::getResourceId)
                    .setter(IdempotencyItem::setResourceId))
            .addAttribute(String.class, a -> a.name("leaseOwner").getter(IdempotencyItem::getLeaseOwner)
                    .setter(IdempotencyItem::setLeaseOwner))
            .addAttribute(Long.class, a -> a.name("leaseUntilMillis").getter(IdempotencyItem::getLeaseUntilMillis)
                    .setter(IdempotencyItem::setLeaseUntilMillis))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(IdempotencyItem::getExpiresAt)
                    .setter(IdempotencyItem::setExpiresAt))
            .addAttribute(Integer.class, a -> a.name("status").getter(IdempotencyItem::getStatus).setter(IdempotencyItem::setStatus))
            .addAttribute(EnhancedType.mapOf(String.class, String.class), a -> a.name("headers")
                    .getter(IdempotencyItem::getHeaders).setter(IdempotencyItem::setHeaders))
            .addAttribute(String.class, a -> a.name("body").getter(IdempotencyItem::getBody).setter(IdempotencyItem::setBody))
            .build();

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
        return "IdempotencyItem[state=" + state + ", resourceId=" + resourceId + ", leaseUntilMillis=" + leaseUntilMillis
                + ", expiresAt=" + expiresAt + ", status=" + status + "]";
    }
}
