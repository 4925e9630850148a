package dev.shopfront.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The template's {@code AWS::SQS::Queue} resources, created on an SQS-protocol server with the
 * attributes that shape delivery (visibility timeout, retention, delay, redrive policy), so the local
 * API and tests see the retries and dead-letter moves AWS would make.
 */
public final class QueueDefinitions {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Template property to SQS attribute, for the properties that change how messages are delivered. */
    private static final Map<String, QueueAttributeName> ATTRIBUTES = Map.of(
            "VisibilityTimeout", QueueAttributeName.VISIBILITY_TIMEOUT,
            "MessageRetentionPeriod", QueueAttributeName.MESSAGE_RETENTION_PERIOD,
            "DelaySeconds", QueueAttributeName.DELAY_SECONDS,
            "ReceiveMessageWaitTimeSeconds", QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS);

    private final SamTemplate template;
    private final Map<String, JsonNode> queues;

    public QueueDefinitions(SamTemplate template) {
        this.template = template;
        this.queues = template.resourcesOfType("AWS::SQS::Queue");
    }

    /** A queue as created: what {@code !Ref} ({@code url}) and {@code !GetAtt .Arn / .QueueName} stand for. */
    public record LocalQueue(String logicalId, String name, String url, String arn) {}

    /**
     * Creates every queue (dead-letter queues before the queues that name them) or finds it when it
     * exists already.
     *
     * @return logical id to the queue, in template order
     */
    public Map<String, LocalQueue> createAll(SqsClient sqs, Function<String, String> nameOf) {
        Map<String, LocalQueue> created = new HashMap<>();
        for (String logicalId : queues.keySet()) {
            create(sqs, nameOf, logicalId, created, new ArrayList<>());
        }
        Map<String, LocalQueue> inOrder = new LinkedHashMap<>();
        queues.keySet().forEach(id -> inOrder.put(id, created.get(id)));
        return inOrder;
    }

    /** What each queue's {@code !Ref} and {@code !GetAtt} stand for, keyed as {@link FunctionEnvironment} reads them. */
    public static Map<String, String> refValues(Map<String, LocalQueue> queues) {
        Map<String, String> values = new LinkedHashMap<>();
        queues.values().forEach(queue -> {
            values.put(queue.logicalId(), queue.url());
            values.put(queue.logicalId() + ".Arn", queue.arn());
            values.put(queue.logicalId() + ".QueueName", queue.name());
            values.put(queue.logicalId() + ".QueueUrl", queue.url());
        });
        return values;
    }

    private LocalQueue create(
            SqsClient sqs,
            Function<String, String> nameOf,
            String logicalId,
            Map<String, LocalQueue> created,
            List<String> path) {
        LocalQueue done = created.get(logicalId);
        if (done != null) {
            return done;
        }
        if (path.contains(logicalId)) {
            throw new IllegalStateException(
                    template.file() + ": queues " + path + " name each other as dead-letter queues");
        }
        path.add(logicalId);
        JsonNode properties = queues.get(logicalId).path("Properties");
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        ATTRIBUTES.forEach((property, attribute) -> {
            JsonNode value = properties.get(property);
            if (value != null && value.isValueNode()) {
                attributes.put(attribute, value.asText());
            }
        });
        JsonNode redrive = properties.path("RedrivePolicy");
        if (!redrive.isMissingNode()) {
            String target = deadLetterTarget(logicalId, redrive.path("deadLetterTargetArn"));
            LocalQueue deadLetter = create(sqs, nameOf, target, created, path);
            attributes.put(
                    QueueAttributeName.REDRIVE_POLICY,
                    JSON.createObjectNode()
                            .put("deadLetterTargetArn", deadLetter.arn())
                            .put(
                                    "maxReceiveCount",
                                    redrive.path("maxReceiveCount").asInt(10))
                            .toString());
        }
        String name = nameOf.apply(logicalId);
        String url =
                sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        LocalQueue queue = new LocalQueue(logicalId, name, url, arn);
        created.put(logicalId, queue);
        path.remove(logicalId);
        return queue;
    }

    /** The logical id a {@code deadLetterTargetArn} of {@code !GetAtt Queue.Arn} names. */
    private String deadLetterTarget(String logicalId, JsonNode arn) {
        JsonNode getAtt = arn.path("Fn::GetAtt");
        if (getAtt.isArray()
                && "Arn".equals(getAtt.path(1).asText())
                && queues.containsKey(getAtt.path(0).asText())) {
            return getAtt.path(0).asText();
        }
        throw new IllegalStateException(template.file() + ": queue " + logicalId + " has a RedrivePolicy whose"
                + " deadLetterTargetArn is not !GetAtt <a queue of this template>.Arn: " + arn);
    }
}
