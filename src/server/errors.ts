// The API's one error shape: {"error": {"code", "message", "param"}} with the HTTP status beside it.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly param?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toJSON(): { error: { code: string; message: string; param?: string } } {
    return { error: { code: this.code, message: this.message, ...(this.param ? { param: this.param } : {}) } };
  }
}

export const badRequest = (message: string, param?: string, code = 'invalid_request') =>
  new ApiError(400, code, message, param);

/** Errors fastify and its plugins throw for a bad request, as the API's codes. Anything unknown is a 500. */
export function asApiError(error: Error & { statusCode?: number; code?: string }): ApiError | undefined {
  if (error instanceof ApiError) return error;
  const code = error.code ?? '';
  if (
    error.statusCode === 413 ||
    [
      'FST_REQ_FILE_TOO_LARGE',
      'FST_FILES_LIMIT',
      'FST_PARTS_LIMIT',
      'FST_FIELDS_LIMIT',
      'FST_ERR_CTP_BODY_TOO_LARGE',
    ].includes(code)
  ) {
    return new ApiError(413, 'payload_too_large', `Payload too large: ${error.message}`);
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
    return new ApiError(415, 'unsupported_media_type', 'Send application/json or multipart/form-data');
  if (code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH')
    return new ApiError(
      400,
      'invalid_content_length',
      `The body does not match Content-Length: ${error.message}`,
      'Content-Length',
    );
  if (code === 'FST_MP_PREMATURE_CLOSE' || code === 'FST_PROTO_VIOLATION' || code === 'FST_INVALID_JSON_FIELD_ERROR')
    return new ApiError(400, 'invalid_multipart', `Invalid multipart body: ${error.message}`);
  if (code.startsWith('FST_ERR_CTP_') || (error.statusCode === 400 && error instanceof SyntaxError))
    return new ApiError(400, 'invalid_json', `Invalid request body: ${error.message}`);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return new ApiError(error.statusCode, 'invalid_request', error.message);
  return undefined;
}
