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

    /** The SQS server's port, chosen before it starts so the functions can be told it; a taken port fails now. */
    static int port(int asked) {
        try (ServerSocket probe = new ServerSocket(asked, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Port " + asked + " is in use: stop what holds it, or start with --sqs-port <another>", e);
        }
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
