import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError, type core } from 'zod';
import { isStaleActor } from '../auth/speculation';

export type FieldErrors = Record<string, string>;

/** The one error type routes throw; `onError` turns it into `{ error: { code, message, fields?, current? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly extra: { fields?: FieldErrors; current?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, fields?: FieldErrors) =>
  new ApiError(400, 'invalid_input', message, { fields });
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
export const forbidden = (message = 'Your role does not allow this') => new ApiError(403, 'forbidden', message);
export const unauthorized = () => new ApiError(401, 'unauthorized', 'Sign in or send an API token');
/** A stale version or an illegal state move: the body carries the record as it is now. */
export const conflict = (message: string, current?: unknown, code = 'conflict') =>
  new ApiError(409, code, message, { current });

export function fieldsFromZod(issues: readonly core.$ZodIssue[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '_';
    fields[path] ??= issue.message;
  }
  return fields;
}

export function zodError(issues: readonly core.$ZodIssue[]) {
  const fields = fieldsFromZod(issues);
  const first = Object.entries(fields)[0];
  const message = first ? `Invalid ${first[0] === '_' ? 'request' : first[0]}: ${first[1]}` : 'Invalid request';
  return badRequest(message, fields);
}

/** The single error path: known errors keep their status; anything else is a 500 without internals. */
export function handleError(err: Error, c: Context) {
  // Not a failure: app.ts answers it by running the request again on the slow path.
  if (isStaleActor(err)) return c.json({ error: { code: 'retry', message: 'Retrying' } }, 503);
  let apiError: ApiError;
  if (err instanceof ApiError) apiError = err;
  else if (err instanceof ZodError) apiError = zodError(err.issues);
  else if (err instanceof HTTPException) {
    const code = err.status === 413 ? 'payload_too_large' : err.status === 400 ? 'invalid_input' : 'http_error';
    const message = err.status === 400 ? 'Request body is not valid JSON' : err.message || 'Request failed';
    apiError = new ApiError(
      err.status as ContentfulStatusCode,
      code,
      message,
      err.status === 400 ? { fields: { _: 'malformed JSON' } } : {},
    );
  } else {
    console.error('unhandled', err);
    apiError = new ApiError(500, 'internal', 'Something went wrong on our side; nothing was saved');
  }
  const { fields, current, headers } = apiError.extra;
  for (const [name, value] of Object.entries(headers ?? {})) c.header(name, value);
  return c.json(
    {
      error: {
        code: apiError.code,
        message: apiError.message,
        ...(fields && { fields }),
        ...(current !== undefined && { current }),
      },
    },
    apiError.status,
  );
}
