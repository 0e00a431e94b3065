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

export const badRequest = (message: string, param?: string, code = 'invalid_request') => new ApiError(400, code, message, param);
