package dev.shopfront.local;

import dev.shopfront.devkit.LocalSqs;
import dev.shopfront.devkit.QueueDefinitions;
import dev.shopfront.devkit.QueueDefinitions.LocalQueue;
import dev.shopfront.devkit.SamTemplate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/** ElasticMQ with the template's queues. */
record QueueServer(LocalSqs sqs, Map<String, LocalQueue> queues) {

    static QueueServer start(SamTemplate template, int port) {
        LocalSqs sqs = LocalSqs.start(port);
        try {
            return new QueueServer(sqs, queues(template, sqs));
        } catch (RuntimeException e) {
            sqs.close();
            throw e;
        }
    }

    /**
     * Checks an asked port is free now, so a taken one fails the start at once, with what to do, rather than
     * when ElasticMQ binds off the ready path. Port 0 is left to ElasticMQ to choose when it binds.
     */
    static void checkFree(int asked) {
        if (asked == 0) {
            return;
        }
        try {
            new ServerSocket(asked, 1, InetAddress.getLoopbackAddress()).close();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Port " + asked + " is in use: stop what holds it, or start with --sqs-port <another>", e);
        }
    }

    /** Where the functions that name a queue reach it, with the template's queues. */
    LocalFunctions.Queues forFunctions() {
        return new LocalFunctions.Queues(sqs.endpoint(), queues);
    }

    /** The URL of a queue named as an on-failure destination. */
    String url(String logicalId) {
        LocalQueue queue = queues.get(logicalId);
        if (queue == null) {
            throw new IllegalStateException(
                    "On-failure destination " + logicalId + " is not an AWS::SQS::Queue of the template");
        }
        return queue.url();
    }

    /** Creates the template's queues (named by logical id) on the local SQS server, or finds them from an earlier run. */
    private static Map<String, LocalQueue> queues(SamTemplate template, LocalSqs sqs) {
        return new QueueDefinitions(template).createAll(sqs.client(), logicalId -> logicalId);
    }
}
