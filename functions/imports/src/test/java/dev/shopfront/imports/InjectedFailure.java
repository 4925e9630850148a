package dev.shopfront.imports;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Makes chosen SDK calls fail the way a network or service failure does: either before the request
 * leaves (nothing is written) or after the server applied it and the answer was lost (written, but
 * the caller sees a failure). Calls are matched by operation and, for DynamoDB, table.
 */
final class InjectedFailure implements ExecutionInterceptor {
    /** When the chosen call fails. */
    enum Moment {
        BEFORE_SENDING,
        AFTER_APPLIED
    }

    private static final ExecutionAttribute<Boolean> FAIL_AFTER = new ExecutionAttribute<>("shopfront.importsInjectedFailureAfter");

    private final String operation;
    private final String table;
    private final int from;
    private final int to;
    private final Moment moment;
    private final AtomicInteger seen = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    private InjectedFailure(String operation, String table, int from, int to, Moment moment) {
        this.operation = operation;
        this.table = table;
        this.from = from;
        this.to = to;
        this.moment = moment;
    }

    /** Fails the {@code nth} (from 1) call of {@code operation} (e.g. "PutItem") on {@code table} (null: any). */
    static InjectedFailure onCall(int nth, String operation, String table, Moment moment) {
        return new InjectedFailure(operation, table, nth, nth, moment);
    }

    /** Fails calls {@code from} to {@code to} (from 1) of {@code operation}, e.g. "SendMessageBatch". */
    static InjectedFailure onCalls(int from, int to, String operation, Moment moment) {
        return new InjectedFailure(operation, null, from, to, moment);
    }

    /** Fails every call before it is sent: the service is out of reach. */
    static InjectedFailure outage() {
        return new InjectedFailure(null, null, 1, Integer.MAX_VALUE, Moment.BEFORE_SENDING);
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
            throw SdkClientException.create("Unable to execute HTTP request: Connection reset (injected by the test)");
        }
        attributes.putAttribute(FAIL_AFTER, true);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(FAIL_AFTER))) {
            failed.incrementAndGet();
            throw SdkClientException.create("Unable to unmarshall response: Read timed out (injected by the test)");
        }
    }

    private boolean chosen(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (operation != null && !operation.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            return false;
        }
        if (table != null && !table.equals(context.request().getValueForField("TableName", String.class).orElse(null))) {
            return false;
        }
        int call = seen.incrementAndGet();
        return call >= from && call <= to;
    }
}
