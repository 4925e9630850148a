package dev.shopfront.model;

/**
 * A claim on one normalized email address, keyed by the address, naming the user it belongs to.
 * It counts only while that user exists and still has this email (docs/email-uniqueness.md).
 */
public final class EmailReservationItem {
    private String email;
    private String userId;
    private Long reservedAtMillis;

    public EmailReservationItem() {}

    public EmailReservationItem(String email, String userId, long reservedAtMillis) {
        this.email = email;
        this.userId = userId;
        this.reservedAtMillis = reservedAtMillis;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public Long getReservedAtMillis() {
        return reservedAtMillis;
    }

    public void setReservedAtMillis(Long reservedAtMillis) {
        this.reservedAtMillis = reservedAtMillis;
    }

    @Override
    public String toString() {
        return "EmailReservationItem[email=" + email + ", userId=" + userId + ", reservedAtMillis=" + reservedAtMillis
                + "]";
    }
}
