package dev.shopfront.devkit.testing;

import static dev.shopfront.devkit.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/** Checks the answers to duplicate keyed requests (an {@code Idempotency-Key}) are what the contract allows. */
public final class IdempotencyAssertions {
    private IdempotencyAssertions() {}

    /**
     * Exactly one answer is a creation (201 without {@code Idempotent-Replayed}); every other is its replay
     * (the same 201, body and {@code Location}) or a 409 {@code request-in-progress} to retry later.
     *
     * @return the creation
     */
    public static Answer assertCreatedOnce(List<Answer> answers) {
        List<Answer> created = answers.stream()
                .filter(a -> a.status() == 201 && a.header("Idempotent-Replayed") == null)
                .toList();
        assertEquals(1, created.size(), answers::toString);
        Answer creation = created.getFirst();
        for (Answer answer : answers) {
            if (answer.status() == 409) {
                assertProblem(answer, 409, "request-in-progress");
            } else {
                assertEquals(201, answer.status(), answer::toString);
                assertEquals(creation.header("Location"), answer.header("Location"));
                assertEquals(creation.body(), answer.body());
            }
        }
        return creation;
    }
}
