package dev.shopfront.devkit.streams;

/** Where an event source sends the description of records it gave up on: its {@code OnFailure} destination. */
@FunctionalInterface
public interface FailureDestination {
    /**
     * @param destination the template's logical id of the destination (for {@code !GetAtt Queue.Arn}), or the
     *     destination as written when it is not a reference to a template resource
     * @param message the JSON message Lambda would send: requestContext, responseContext, DDBStreamBatchInfo
     */
    void send(String destination, String message) throws Exception;
}
