// A succeeded render's files as the API serves them: one image (bytes, or JSON with base64) and the
// zip of the set. The authenticated routes (renders.ts) and the signed links (links.ts) both send
// through these.
import type { FastifyReply } from 'fastify';
import { zipSync } from 'fflate';
import type { Job } from '../../plan/types.js';
import { ApiError } from '../errors.js';
import { archivePath } from '../jobs.js';
import type { OutputFile } from '../outputs.js';
import type { BlobStore, RenderRow, ServiceStore } from '../storage/types.js';

/** A stored file's bytes; a missing one is the service's fault (500), as a missing file always was. */
export async function blobBytes(blobs: BlobStore, key: string): Promise<Buffer> {
  const bytes = await blobs.get(key);
  if (!bytes) throw new Error(`stored file missing: ${key}`);
  return bytes;
}

export async function sendImage(
  store: ServiceStore,
  blobs: BlobStore,
  row: RenderRow,
  index: string,
  encoding: 'base64' | undefined,
  reply: FastifyReply,
  cacheControl: string,
) {
  const image = (await store.images(row.id)).find((i) => String(i.idx) === index);
  if (!image) throw new ApiError(404, 'image_not_found', `Render ${row.id} has no image ${index}`, 'index');
  const bytes = await blobBytes(blobs, image.file);
  const type = image.format === 'jpeg' ? 'image/jpeg' : 'image/png';
  if (encoding === 'base64') {
    return {
      object: 'image',
      index: image.idx,
      slide: image.slide,
      width: image.width,
      height: image.height,
      format: image.format,
      bytes: image.bytes,
      sha256: image.sha256,
      content_type: type,
      data: bytes.toString('base64'),
    };
  }
  return reply
    .type(type)
    .header('etag', `"${image.sha256}"`)
    .header('cache-control', cacheControl)
    .header(
      'content-disposition',
      `inline; filename="${String(image.idx).padStart(2, '0')}-${image.slide}.${image.format === 'jpeg' ? 'jpg' : 'png'}"`,
    )
    .send(bytes);
}

/** One output of a job (docs/render-api.md#outputs), streamed from the BlobStore (a missing blob: 500, as for images). */
export async function sendOutput(blobs: BlobStore, o: OutputFile, reply: FastifyReply, cacheControl: string) {
  const stream = await blobs.stream(o.key);
  if (!stream) throw new Error(`stored file missing: ${o.key}`);
  return reply
    .type(o.contentType)
    .header('etag', `"${o.sha256}"`)
    .header('cache-control', cacheControl)
    .header(
      'content-disposition',
      `${o.contentType.startsWith('image/') ? 'inline' : 'attachment'}; filename="${o.name}"`,
    )
    .send(stream);
}

/** The set as a zip in fastlane's layout (docs/interfaces.md#output-layouts), stored uncompressed (PNGs are). */
export async function sendArchive(
  store: ServiceStore,
  blobs: BlobStore,
  row: RenderRow,
  reply: FastifyReply,
  cacheControl?: string,
) {
  const jobs = new Map((JSON.parse(row.jobs) as Job[]).map((j) => [j.index, j]));
  const entries: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const i of await store.images(row.id))
    entries[archivePath(jobs.get(i.idx)!)] = [await blobBytes(blobs, i.file), { level: 0 }];
  if (cacheControl) reply.header('cache-control', cacheControl);
  return reply
    .type('application/zip')
    .header('content-disposition', `attachment; filename="${row.id}.zip"`)
    .send(Buffer.from(zipSync(entries)));
}
