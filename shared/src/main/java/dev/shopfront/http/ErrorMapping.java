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
import java.util.Map;

/** The one table from failures to problem responses. Anything not in it is a 500 that says nothing about its cause. */
public final class ErrorMapping {
    private static final Map<Class<? extends DomainException>, ProblemType> DOMAIN = Map.of(
            IdempotencyKeyReusedException.class, ProblemType.IDEMPOTENCY_KEY_REUSED,
            RequestInProgressException.class, ProblemType.REQUEST_IN_PROGRESS,
            NotFoundException.class, ProblemType.NOT_FOUND,
            EmailTakenException.class, ProblemType.USER_EXISTS,
            ConcurrentChangeException.class, ProblemType.CONFLICT,
            UnauthorizedException.class, ProblemType.UNAUTHORIZED,
            ForbiddenException.class, ProblemType.FORBIDDEN,
            PreconditionFailedException.class, ProblemType.PRECONDITION_FAILED,
            InvalidParameterException.class, ProblemType.INVALID_PARAMETER);

    static final String INTERNAL_DETAIL = "An unexpected error occurred. Quote the requestId when reporting it.";

    private ErrorMapping() {
    }

    /**
     * The problem for {@code failure}, or null when it is unexpected: the caller logs it and answers {@link #internal}.
     */
    static Problem problemFor(RuntimeException failure, String instance, String requestId) {
        if (failure instanceof RequestRejectedException rejected) {
            return Problem.of(rejected.kind(), rejected.getMessage(), instance, requestId, rejected.errors());
        }
        ProblemType kind = failure instanceof DomainException ? DOMAIN.get(failure.getClass()) : null;
        if (kind == null) {
            return null;
        }
        // Domain messages are ours and written for clients; library messages never reach this point.
        if (failure instanceof InvalidParameterException invalid) {
            return Problem.of(kind, "The query parameter " + invalid.parameter() + " is not acceptable", instance, requestId,
                    List.of(new FieldError(invalid.parameter(), invalid.getMessage())));
        }
        return Problem.of(kind, failure.getMessage(), instance, requestId, List.of());
    }

    static Problem internal(String instance, String requestId) {
        return Problem.of(ProblemType.INTERNAL, INTERNAL_DETAIL, instance, requestId, List.of());
    }
}
