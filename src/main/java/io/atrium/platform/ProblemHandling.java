package io.atrium.platform;

import java.util.List;

import io.atrium.shared.Problem;
import io.atrium.shared.Problem.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every exception that reaches a controller into an {@code application/problem+json} response: 4xx
 * for anything the caller can fix, 503 with {@code Retry-After} when the database is unreachable, and a
 * bare 500 (logged, never with a stack trace in the body) for the rest.
 */
@RestControllerAdvice
class ProblemHandling {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

	private final Problems problems;

	ProblemHandling(Problems problems) {
		this.problems = problems;
	}

	@ExceptionHandler(Problem.class)
	ResponseEntity<ProblemDetail> problem(Problem ex) {
		return respond(problems.of(ex.status(), ex.slug(), ex.getMessage(), ex.errors()));
	}

	@ExceptionHandler(BindException.class)
	ResponseEntity<ProblemDetail> invalid(BindException ex) {
		List<FieldError> errors = ex.getFieldErrors()
			.stream()
			.map(error -> new FieldError(JsonNames.snake(error.getField()), error.getDefaultMessage()))
			.toList();
		String detail = errors.isEmpty() ? "Invalid request" : errors.get(0).field() + ": " + errors.get(0).message();
		return respond(problems.of(422, "validation", detail, errors));
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException ex) {
		List<FieldError> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap(result -> result.getResolvableErrors()
				.stream()
				.map(error -> new FieldError(JsonNames.snake(result.getMethodParameter().getParameterName()),
						error.getDefaultMessage())))
			.toList();
		String detail = errors.isEmpty() ? "Invalid request" : errors.get(0).field() + ": " + errors.get(0).message();
		return respond(problems.of(422, "validation", detail, errors));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
		return respond(problems.of(400, "malformed-request", JsonNames.describe(ex), List.of()));
	}

	@ExceptionHandler({ MissingServletRequestParameterException.class, MissingRequestHeaderException.class,
			MethodArgumentTypeMismatchException.class, MultipartException.class })
	ResponseEntity<ProblemDetail> badParameter(Exception ex) {
		String detail = "Invalid multipart request";
		if (ex instanceof MissingServletRequestParameterException missing) {
			detail = "Missing parameter '" + missing.getParameterName() + "'";
		}
		else if (ex instanceof MissingRequestHeaderException missing) {
			detail = "Missing header '" + missing.getHeaderName() + "'";
		}
		else if (ex instanceof MethodArgumentTypeMismatchException mismatch) {
			detail = "Parameter '" + mismatch.getName() + "' is invalid";
		}
		return respond(problems.of(400, "bad-request", detail, List.of()));
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException ex) {
		return respond(problems.of(413, "payload-too-large", "The upload is too large", List.of()));
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException ex) {
		return respond(problems.of(405, "method-not-allowed", "Method " + ex.getMethod() + " is not supported here",
				List.of()));
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException ex) {
		return respond(problems.of(415, "unsupported-media-type", "Send application/json", List.of()));
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException ex) {
		return respond(problems.of(406, "not-acceptable", "No acceptable representation", List.of()));
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<ProblemDetail> noResource(NoResourceFoundException ex) {
		return respond(problems.of(404, "not-found", "No such resource", List.of()));
	}

	@ExceptionHandler(DuplicateKeyException.class)
	ResponseEntity<ProblemDetail> duplicate(DuplicateKeyException ex) {
		return respond(problems.of(409, "conflict", "The resource already exists", List.of()));
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<ProblemDetail> unstorable(DataIntegrityViolationException ex) {
		log.info("Refused a value the database cannot store: {}", ex.getMostSpecificCause().getClass().getSimpleName());
		return respond(problems.of(422, "validation",
				"A value cannot be stored (for example it contains a NUL character or breaks a constraint)", List.of()));
	}

	@ExceptionHandler({ CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
			TransientDataAccessResourceException.class, QueryTimeoutException.class,
			CannotCreateTransactionException.class, TransactionSystemException.class })
	ResponseEntity<ProblemDetail> unavailable(Exception ex) {
		log.warn("Database unavailable: {}", ex.getMessage());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problems.of(503, "unavailable", "The database is unavailable; retry shortly", List.of()));
	}

	/** A deadlock or lock timeout against a concurrent write: nothing was stored, and a retry will succeed. */
	@ExceptionHandler(PessimisticLockingFailureException.class)
	ResponseEntity<ProblemDetail> lockConflict(PessimisticLockingFailureException ex) {
		log.info("Lost a lock conflict with a concurrent write: {}", ex.getMostSpecificCause().getMessage());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problems.of(503, "busy", "A concurrent change held the same data; nothing was stored, retry",
					List.of()));
	}

	@ExceptionHandler({ AccessDeniedException.class, AuthenticationException.class })
	void security(RuntimeException ex) {
		throw ex; // handled by the security filter chain's entry point and access-denied handler
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		if (lostDatabaseConnection(ex)) {
			// e.g. a rollback or commit on a connection the server cut: the outcome is the client's to retry
			return unavailable(ex);
		}
		log.error("Unexpected error", ex);
		return respond(problems.of(500, "internal", "An unexpected error occurred", List.of()));
	}

	/**
	 * Whether an exception was caused by a database connection that broke or could not be made (SQLSTATE class
	 * 08, or 57P0x: the server shut down or terminated the session).
	 */
	static boolean lostDatabaseConnection(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof java.sql.SQLTransientConnectionException
					|| cause instanceof java.sql.SQLNonTransientConnectionException
					|| cause instanceof java.sql.SQLRecoverableException) {
				return true;
			}
			if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}
}
