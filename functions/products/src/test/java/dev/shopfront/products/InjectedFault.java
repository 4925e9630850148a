package dev.shopfront.products;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Makes the first chosen DynamoDB call go wrong, before it is sent (nothing written) or after DynamoDB
 * applied it (written, the answer lost): either as a network failure the function sees, or as a
 * crash, an {@link Error} nothing in the function catches, which stops the invocation dead the way a
 * timeout or a killed runtime does.
 */
final class InjectedFault implements ExecutionInterceptor {
    /** When the chosen call goes wrong. */
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

    private static final ExecutionAttribute<Boolean> AFTER = new ExecutionAttribute<>("shopfront.injectedFaultAfter");

    private final String operation;
    private final String table;
    private final Moment moment;
    private final boolean crash;
    private final AtomicInteger injected = new AtomicInteger();

    private InjectedFault(String operation, String table, Moment moment, boolean crash) {
        this.operation = operation;
        this.table = table;
        this.moment = moment;
        this.crash = crash;
    }

    /** The first {@code operation} on {@code table} crashes the invocation. */
    static InjectedFault crash(String operation, String table, Moment moment) {
        return new InjectedFault(operation, table, moment, true);
    }

    /** The first {@code operation} on {@code table} fails as the network does. */
    static InjectedFault networkFailure(String operation, String table, Moment moment) {
        return new InjectedFault(operation, table, moment, false);
    }

    int injected() {
        return injected.get();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (injected.get() > 0 || !operation.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                || !table.equals(context.request().getValueForField("TableName", String.class).orElse(null))) {
            return;
        }
        if (moment == Moment.BEFORE_SENDING) {
            fail();
        }
        attributes.putAttribute(AFTER, true);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(AFTER))) {
            fail();
        }
    }

    private void fail() {
        injected.incrementAndGet();
        if (crash) {
            throw new Crash();
        }
        throw SdkClientException.create("Unable to execute HTTP request: Connection reset (injected by the test)");
    }
}
