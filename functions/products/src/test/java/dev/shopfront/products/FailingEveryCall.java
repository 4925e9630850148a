package dev.shopfront.products;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Makes every DynamoDB call fail before it is sent, the way a network failure does: DynamoDB is out of reach. */
final class FailingEveryCall implements ExecutionInterceptor {
    private final AtomicInteger failed = new AtomicInteger();

    /** How many calls this interceptor has made fail. */
    int failures() {
        return failed.get();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        failed.incrementAndGet();
        throw SdkClientException.create("Unable to execute HTTP request: Connection reset (injected by the test)");
    }
}
