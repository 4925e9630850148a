package dev.shopfront.local;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;

/**
 * Lambda {@code Context} objects for a function's own class loader. The function sees the
 * {@code Context} interface of the aws-lambda-java-core inside its artifact, so the local API
 * cannot pass one of its own classes: it hands a proxy of the function's interface instead.
 */
final class LambdaContexts {
    private LambdaContexts() {}

    static Object create(
            ClassLoader functionLoader, String functionName, String requestId, int memoryMb, long deadlineMillis) {
        try {
            Class<?> contextType = functionLoader.loadClass("com.amazonaws.services.lambda.runtime.Context");
            Class<?> loggerType = functionLoader.loadClass("com.amazonaws.services.lambda.runtime.LambdaLogger");
            Object logger = Proxy.newProxyInstance(
                    functionLoader, new Class<?>[] {loggerType}, loggerHandler(functionName, requestId));
            InvocationHandler context = (proxy, method, args) -> switch (method.getName()) {
                case "getAwsRequestId" -> requestId;
                case "getFunctionName" -> functionName;
                case "getFunctionVersion" -> "$LATEST";
                case "getInvokedFunctionArn" -> "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
                case "getLogGroupName" -> "/aws/lambda/" + functionName;
                case "getLogStreamName" -> "local";
                case "getMemoryLimitInMB" -> memoryMb;
                case "getRemainingTimeInMillis" -> (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
                case "getLogger" -> logger;
                case "toString" -> "LocalContext[" + functionName + ", " + requestId + "]";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> null;
            };
            return Proxy.newProxyInstance(functionLoader, new Class<?>[] {contextType}, context);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "The artifact of " + functionName + " lacks aws-lambda-java-core: it cannot run on Lambda either",
                    e);
        }
    }

    private static InvocationHandler loggerHandler(String functionName, String requestId) {
        return (proxy, method, args) -> {
            if (method.getName().equals("log") && args != null && args.length > 0) {
                String text = args[0] instanceof byte[] bytes
                        ? new String(bytes, StandardCharsets.UTF_8)
                        : String.valueOf(args[0]);
                System.err.println("[" + functionName + " " + requestId + "] " + text.stripTrailing());
                return null;
            }
            return switch (method.getName()) {
                case "toString" -> "LocalLogger[" + functionName + "]";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> null;
            };
        };
    }
}
