import type { MessageKey } from "../i18n/i18n.ts";

/** A problem with one field, named by a catalogue key so every language can say it. */
export interface FieldError {
  field: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** The result of a command: ok with a value, or invalid with the fields that are wrong. */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const invalid = <T = never>(errors: FieldError[]): Result<T> => ({ ok: false, errors });

/** Every error a request can end in; the error handler turns each into a page or the API error shape. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly fields: FieldError[] = [],
  ) {
    super(code);
  }
}

export class BadRequestError extends AppError {
  constructor(fields: FieldError[] = [], messageKey: MessageKey = "errors.badRequest") {
    super(400, "bad_request", messageKey, fields);
  }
}
export class ValidationError extends AppError {
  constructor(fields: FieldError[]) {
    super(422, "validation_failed", "errors.validation", fields);
  }
}
/** A command's value, or its field errors as the API's 422: what an API handler answers with a Result. */
export const resultOf = <T>(result: Result<T>): T => {
  if (!result.ok) throw new ValidationError(result.errors);
  return result.value;
};

export class UnauthorizedError extends AppError {
  constructor() {
    super(401, "unauthorized", "errors.unauthorized");
  }
}
export class ForbiddenError extends AppError {
  constructor(messageKey: MessageKey = "errors.forbidden") {
    super(403, "forbidden", messageKey);
  }
}
export class NotFoundError extends AppError {
  constructor() {
    super(404, "not_found", "errors.notFound");
  }
}
export class ConflictError extends AppError {
  constructor(fields: FieldError[] = [], messageKey: MessageKey = "errors.conflict") {
    super(409, "conflict", messageKey, fields);
  }
}

/** PostgreSQL's SQLSTATE for a foreign key that names no row. */
const FOREIGN_KEY_VIOLATION = "23503";

/** Maps Fastify's own errors (body parsing, size, content type, CSRF), and a foreign key that names no row, to ours. */
export function fromFrameworkError(error: { statusCode?: number; code?: string; cause?: unknown }): AppError | null {
  // A write naming a record that does not exist (an id sent that names nothing, or a record deleted
  // a moment before): the foreign key refuses it in the same statement, so no check before it can
  // race; the sender is told, as a field error on the form, not as a server error.
  const sqlState = error.code ?? (error.cause as { code?: string } | undefined)?.code;
  if (sqlState === FOREIGN_KEY_VIOLATION) return new ValidationError([{ field: "_", key: "errors.unknownReference" }]);
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError(413, "payload_too_large", "errors.tooLarge");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError(415, "unsupported_media_type", "errors.mediaType");
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new AppError(400, "malformed_body", "errors.malformedBody");
    case "FST_CSRF_INVALID_TOKEN":
    case "FST_CSRF_MISSING_SECRET":
      return new ForbiddenError("errors.csrf");
  }
  if (error.statusCode === 400 && error.code?.startsWith("FST_"))
    return new AppError(400, "malformed_body", "errors.malformedBody");
  if (error.statusCode === 413) return new AppError(413, "payload_too_large", "errors.tooLarge");
  if (error.statusCode === 415) return new AppError(415, "unsupported_media_type", "errors.mediaType");
  if (error.statusCode === 429) return new AppError(429, "too_many_requests", "errors.tooMany");
  return null;
}
