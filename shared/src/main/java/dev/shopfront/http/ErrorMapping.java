package dev.shopfront.http;

import dev.shopfront.error.ConcurrentChangeException;
import dev.shopfront.error.DomainException;
import dev.shopfront.error.EmailTakenException;
import dev.shopfront.error.ForbiddenException;
import dev.shopfront.error.IdempotencyKeyReusedException;
import dev.shopfront.error.InvalidParameterException;
import dev.shopfront.error.NotFoundException;
import dev.shopfront.error.PreconditionFailedException;
import dev.shopfront.error.RequestInProgressException;
import dev.shopfront.error.UnauthorizedException;
import java.util.List;

/** The one table from failures to problem responses. Anything not in it is a 500 that says nothing about its cause. */
public final class ErrorMapping {
    static final String INTERNAL_DETAIL = "An unexpected error occurred. Quote the requestId when reporting it.";

    private ErrorMapping() {}

    /**
     * The problem for {@code failure}, or null when it is unexpected: the caller logs it and answers {@link #internal}.
     */
    static Problem problemFor(RuntimeException failure, String instance, String requestId) {
        if (failure instanceof RequestRejectedException rejected) {
            return Problem.of(rejected.kind(), rejected.getMessage(), instance, requestId, rejected.errors());
        }
        if (!(failure instanceof DomainException domain)) {
            return null;
        }
        // Domain messages are ours and written for clients; library messages never reach this point.
        return switch (domain) {
            case InvalidParameterException invalid ->
                Problem.of(
                        ProblemType.INVALID_PARAMETER,
                        "The query parameter " + invalid.parameter() + " is not acceptable",
                        instance,
                        requestId,
                        List.of(new FieldError(invalid.parameter(), invalid.getMessage())));
            case IdempotencyKeyReusedException reused ->
                problem(ProblemType.IDEMPOTENCY_KEY_REUSED, reused, instance, requestId);
            case RequestInProgressException inProgress ->
                problem(ProblemType.REQUEST_IN_PROGRESS, inProgress, instance, requestId);
            case NotFoundException notFound -> problem(ProblemType.NOT_FOUND, notFound, instance, requestId);
            case EmailTakenException taken -> problem(ProblemType.USER_EXISTS, taken, instance, requestId);
            case ConcurrentChangeException conflict -> problem(ProblemType.CONFLICT, conflict, instance, requestId);
            case UnauthorizedException unauthorized ->
                problem(ProblemType.UNAUTHORIZED, unauthorized, instance, requestId);
            case ForbiddenException forbidden -> problem(ProblemType.FORBIDDEN, forbidden, instance, requestId);
            case PreconditionFailedException precondition ->
                problem(ProblemType.PRECONDITION_FAILED, precondition, instance, requestId);
        };
    }

    private static Problem problem(ProblemType kind, DomainException failure, String instance, String requestId) {
        return Problem.of(kind, failure.getMessage(), instance, requestId, List.of());
    }

    static Problem internal(String instance, String requestId) {
        return Problem.of(ProblemType.INTERNAL, INTERNAL_DETAIL, instance, requestId, List.of());
    }
}
