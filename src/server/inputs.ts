// Screenshots of a request, as bytes checked before any decoder sees them: fetched safely (net.ts),
// decoded from base64 or taken from a multipart part; then sniffed (PNG or JPEG by magic bytes) and
// their declared pixel size bounded.
import type { Limits } from './config.js';
import { ApiError } from './errors.js';
import { sniffImage, type ImageHeader } from './image-info.js';
import { fetchBounded, FetchError, type NetPolicy, UrlRefusedError } from './net.js';
import type { ScreenshotInput } from './request.js';

export interface Screenshot {
  bytes: Buffer;
  info: ImageHeader;
}

function decodeBase64(data: string, maxBytes: number, param: string): Buffer {
  const body = data.replace(/^data:image\/[a-z+.-]+;base64,/i, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(body))
    throw new ApiError(400, 'invalid_base64', `Expected base64 PNG or JPEG data for ${param}.data`, param);
  if (Math.floor((body.length * 3) / 4) > maxBytes)
    throw new ApiError(413, 'screenshot_too_large', `${param} is larger than the limit of ${maxBytes} bytes`, param);
  return Buffer.from(body, body.includes('-') || body.includes('_') ? 'base64url' : 'base64');
}

async function bytesOf(
  src: ScreenshotInput,
  files: Map<string, Buffer> | undefined,
  limits: Limits,
  policy: NetPolicy,
  param: string,
): Promise<Buffer> {
  if ('data' in src) return decodeBase64(src.data, limits.screenshotBytes, param);
  if ('file' in src) {
    const b = files?.get(src.file);
    if (!b) throw new ApiError(400, 'invalid_request', `No multipart file part named "${src.file}"`, param);
    return b;
  }
  try {
    const r = await fetchBounded(src.url, {
      maxBytes: limits.screenshotBytes,
      timeoutMs: limits.fetchTimeoutMs,
      maxRedirects: limits.maxRedirects,
      ...policy,
    });
    return r.body;
  } catch (e) {
    if (e instanceof UrlRefusedError) throw new ApiError(400, 'url_refused', `${param}.url: ${e.message}`, param);
    if (e instanceof FetchError) {
      if (e.code === 'too_large') throw new ApiError(400, 'screenshot_too_large', `${param}.url: ${e.message}`, param);
      throw new ApiError(
        400,
        e.code === 'timeout' ? 'screenshot_fetch_timeout' : 'screenshot_fetch_failed',
        `${param}.url: ${e.message}`,
        param,
      );
    }
    throw e;
  }
}

export async function acquireScreenshots(
  inputs: Array<ScreenshotInput | undefined>,
  files: Map<string, Buffer> | undefined,
  limits: Limits,
  policy: NetPolicy,
  prefix = '',
  /** The request field of input i in errors (default `slides[i].screenshot`). */
  paramOf: (i: number) => string = (i) => `slides[${i}].screenshot`,
): Promise<Array<Screenshot | undefined>> {
  return Promise.all(
    inputs.map(async (src, i) => {
      if (!src) return undefined;
      const param = `${prefix}${paramOf(i)}`;
      const bytes = await bytesOf(src, files, limits, policy, param);
      if (bytes.length > limits.screenshotBytes)
        throw new ApiError(
          413,
          'screenshot_too_large',
          `${param} is ${bytes.length} bytes; the limit is ${limits.screenshotBytes}`,
          param,
        );
      const info = sniffImage(bytes);
      if (!info) throw new ApiError(400, 'unsupported_image', `${param} is not a PNG or JPEG image`, param);
      if (info.width < 1 || info.height < 1 || info.width * info.height > limits.screenshotPixels) {
        throw new ApiError(
          400,
          'screenshot_too_large',
          `${param} is ${info.width}x${info.height} pixels; the limit is ${limits.screenshotPixels} pixels`,
          param,
        );
      }
      return { bytes, info };
    }),
  );
}
