package dev.shopfront.devkit.testing;

import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Makes chosen SDK calls go wrong, for the crash cases of the designs in docs/: before the request
 * leaves (nothing is written) or after the server applied it and the answer was lost (written, but the
 * caller sees a failure). A failure is what a network or service failure looks like to the function; a
 * {@link #crashOnCall crash} instead stops the invocation dead, as a timeout or a killed runtime does:
 * an {@link Error} nothing in the function catches. Calls are matched by operation and, for DynamoDB,
 * table, and counted from 1 among the matching ones. Add it to a test's client with
 * {@code overrideConfiguration(o -> o.addExecutionInterceptor(failure))}.
 */
public final class InjectedFailure implements ExecutionInterceptor {
    /** When the chosen call goes wrong. */
    public enum Moment {
        BEFORE_SENDING,
        AFTER_APPLIED,
        /**
         * The server applied the attempt, its answer was lost (a read timeout: what a stalled database looks like once
         * its attempt timeout fires), and the SDK sends the call again, as it does with such a failure: the caller sees
         * only the second attempt's answer.
         */
        APPLIED_THEN_RETRIED
    }

    /** The invocation dying: not an exception the function could handle. */
    public static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("the function crashed here (injected by the test)", null, false, false);
        }
    }

    /** The interceptor that chose a call to fail after it is applied: two on one client never take each other's. */
    private static final ExecutionAttribute<InjectedFailure> FAIL_AFTER =
            new ExecutionAttribute<>("shopfront.injectedFailureAfter");

    /** Set once the chosen call's first attempt has lost its answer: the SDK's retry goes through. */
    private static final ExecutionAttribute<Boolean> RETRIED = new ExecutionAttribute<>("shopfront.injectedRetry");

    private final String operation;
    private final String table;
    private final int from;
    private final int to;
    private final Moment moment;
    private final boolean crash;
    private final AtomicInteger seen = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    private InjectedFailure(String operation, String table, int from, int to, Moment moment, boolean crash) {
        this.operation = operation;
        this.table = table;
        this.from = from;
        this.to = to;
        this.moment = moment;
        this.crash = crash;
    }

    /** Fails the {@code nth} (from 1) call of {@code operation} (e.g. "PutItem") on {@code table} (null: any). */
    public static InjectedFailure onCall(int nth, String operation, String table, Moment moment) {
        return new InjectedFailure(operation, table, nth, nth, moment, false);
    }

    /** Fails calls {@code from} to {@code to} (from 1) of {@code operation}, e.g. "SendMessageBatch". */
    public static InjectedFailure onCalls(int from, int to, String operation, Moment moment) {
        return new InjectedFailure(operation, null, from, to, moment, false);
    }

    /** Crashes the invocation at the {@code nth} (from 1) call of {@code operation} on {@code table}. */
    public static InjectedFailure crashOnCall(int nth, String operation, String table, Moment moment) {
        return new InjectedFailure(operation, table, nth, nth, moment, true);
    }

    /** Fails every call before it is sent: the service is out of reach. */
    public static InjectedFailure outage() {
        return new InjectedFailure(null, null, 1, Integer.MAX_VALUE, Moment.BEFORE_SENDING, false);
    }

    /** How many calls this interceptor has made go wrong. */
    public int failures() {
        return failed.get();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!chosen(context, attributes)) {
            return;
        }
        if (moment == Moment.BEFORE_SENDING) {
            fail("Unable to execute HTTP request: Connection reset (injected by the test)");
        }
        attributes.putAttribute(FAIL_AFTER, this);
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        if (moment == Moment.APPLIED_THEN_RETRIED
                && attributes.getAttribute(FAIL_AFTER) == this
                && attributes.getAttribute(RETRIED) == null) {
            attributes.putAttribute(RETRIED, Boolean.TRUE);
            failed.incrementAndGet();
            throw SdkClientException.create(
                    "Unable to execute HTTP request: Read timed out (injected by the test)",
                    new SocketTimeoutException("Read timed out"));
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (attributes.getAttribute(FAIL_AFTER) == this && moment == Moment.AFTER_APPLIED) {
            fail("Unable to unmarshall response: Read timed out (injected by the test)");
        }
    }

    private void fail(String message) {
        failed.incrementAndGet();
        if (crash) {
            throw new Crash();
        }
        throw SdkClientException.create(message);
    }

    private boolean chosen(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (operation != null && !operation.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            return false;
        }
        if (table != null
                && !table.equals(context.request()
                        .getValueForField("TableName", String.class)
                        .orElse(null))) {
            return false;
        }
        int call = seen.incrementAndGet();
        return call >= from && call <= to;
    }
}
