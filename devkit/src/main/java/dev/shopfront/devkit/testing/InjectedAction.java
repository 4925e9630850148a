package dev.shopfront.devkit.testing;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Runs a test's action right after chosen SDK calls succeed: a request that stalls there (the clock
 * moves on) or another writer that slips in between two calls. The sibling of {@link InjectedFailure}
 * for the races a failure cannot show; add it to a client with {@link FaultyClients}.
 *
 * @param operation the SDK operation, e.g. "PutItem"
 * @param table the DynamoDB table the call names
 * @param action what happens once such a call succeeded
 */
public record InjectedAction(String operation, String table, Runnable action) implements ExecutionInterceptor {
    /** Runs {@code action} after each successful {@code operation} (e.g. "PutItem") on DynamoDB table {@code table}. */
    public static InjectedAction afterCall(String operation, String table, Runnable action) {
        return new InjectedAction(operation, table, action);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (operation.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                && table.equals(context.request()
                        .getValueForField("TableName", String.class)
                        .orElse(null))) {
            action.run();
        }
    }
}
