package dev.shopfront.users;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Makes one chosen DynamoDB call fail the way a network or service failure does, for the crash cases
 * of the email reservation design: either before the request leaves (nothing is written) or after
 * the server applied it and the answer was lost (written, but the caller sees a failure). A
 * {@link #crashOnCall crash} instead stops the invocation dead, as a timeout or a killed runtime does:
 * an {@link Error} nothing in the function catches.
 */
final class InjectedFailure implements ExecutionInterceptor {
    /** When the chosen call fails. */
    enum Moment {
        BEFORE_SENDING,
        AFTER_APPLIED
    }

    /** The invocation dying: not an exception the function could handle. */
    static final class Crash extends Error {
        Crash() {
            super("the function crashed here (injected by the test)", null, false, false);
        }
    }

    private static final ExecutionAttribute<Boolean> FAIL_AFTER = new ExecutionAttribute<>("shopfront.injectedFailureAfter");

    private final String operation;
    private final String table;
    private final int nth;
    private final Moment moment;
    private final boolean crash;
    private final AtomicInteger seen = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    private InjectedFailure(String operation, String table, int nth, Moment moment, boolean crash) {
        this.operation = operation;
        this.table = table;
        this.nth = nth;
        this.moment = moment;
        this.crash = crash;
    }

    /** Fails the {@code nth} (from 1) call of {@code operation} (e.g. "PutItem") on {@code table}. */
    static InjectedFailure onCall(int nth, String operation, String table, Moment moment) {
        return new InjectedFailure(operation, table, nth, moment, false);
    }

    /** Crashes the invocation at the {@code nth} (from 1) call of {@code operation} on {@code table}. */
    static InjectedFailure crashOnCall(int nth, String operation, String table, Moment moment) {
        return new InjectedFailure(operation, table, nth, moment, true);
    }

    /** Fails every call before it is sent: DynamoDB is out of reach. */
    static InjectedFailure outage() {
        return new InjectedFailure(null, null, 0, Moment.BEFORE_SENDING, false);
    }

    /** How many calls this interceptor has made fail. */
    int failures() {
        return failed.get();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!chosen(context, attributes)) {
            return;
        }
        if (moment == Moment.BEFORE_SENDING) {
            failed.incrementAndGet();
            if (crash) {
                throw new Crash();
            }
            throw SdkClientException.create("Unable to execute HTTP request: Connection reset (injected by the test)");
        }
        attributes.putAttribute(FAIL_AFTER, true);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(FAIL_AFTER))) {
            failed.incrementAndGet();
            if (crash) {
                throw new Crash();
            }
            throw SdkClientException.create("Unable to unmarshall response: Read timed out (injected by the test)");
        }
    }

    private boolean chosen(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (operation == null) {
            return true;
        }
        boolean matches = operation.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                && table.equals(context.request().getValueForField("TableName", String.class).orElse(null));
        return matches && seen.incrementAndGet() == nth;
    }
}
