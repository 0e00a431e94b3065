// Google Play: one edit per run. Insert an edit, list each (language, image type) with Play's
// sha256, plan, delete and upload what changed, validate, commit. --dry-run validates and deletes
// the edit. An edit is all or nothing: a run cut half way leaves an uncommitted edit that Play
// discards (and the next run starts a new one), so the store never shows a half-filled set.
import { readFileSync } from 'node:fs';
import { androidpublisher, type androidpublisher_v3 } from '@googleapis/androidpublisher';
import { PLAY } from '../store/facts.js';
import { StoreHttpError, withRetry, type RetryDecision } from './http.js';
import type { LocalSet } from './local.js';
import { playAuthClient } from './play-auth.js';
import { planSet, type LiveImage, type SetPlan } from './plan.js';
import type { StoreRun, StoreTarget } from './types.js';
import { UploadBlocked } from './asc.js';
import { UserError, errorMessage } from '../util/errors.js';

export const PLAY_DEFAULT_URL = 'https://androidpublisher.googleapis.com/';

const HINT: Record<number, string> = {
  401: 'check PLAY_SERVICE_ACCOUNT_JSON: the key may be revoked',
  403: 'invite the service account in Play Console (Users and permissions) with permission to edit the store listing',
  404: 'check the package name, and that the app has a store listing in this language',
  409: 'another edit of this app was committed meanwhile; run the upload again',
};

interface GaxiosLike {
  status?: number;
  code?: string | number;
  message?: string;
  response?: { status?: number; headers?: Headers | Record<string, string>; data?: unknown };
}

function statusOf(e: unknown): number | undefined {
  const g = e as GaxiosLike;
  const s = g?.response?.status ?? g?.status ?? (typeof g?.code === 'number' ? g.code : undefined);
  return typeof s === 'number' ? s : undefined;
}

function classify(e: unknown): RetryDecision {
  const g = e as GaxiosLike;
  const status = statusOf(e);
  if (status === undefined) return { network: true };
  const h = g.response?.headers;
  // gaxios hands a fetch Headers (or, in older versions, a plain object).
  const retryAfter =
    h && typeof (h as Headers).get === 'function'
      ? (h as Headers).get('retry-after')
      : (h as Record<string, string> | undefined)?.['retry-after'];
  return { status, retryAfter };
}

function explain(e: unknown, what: string): Error {
  if (e instanceof StoreHttpError || e instanceof UploadBlocked || e instanceof UserError) return e;
  const status = statusOf(e);
  const data = (e as GaxiosLike)?.response?.data as { error?: { message?: string; status?: string } } | undefined;
  const detail = data?.error?.message ?? errorMessage(e);
  const hint = status ? HINT[status] : undefined;
  return new StoreHttpError(
    `Google Play ${what} failed${status ? ` (${status})` : ''}: ${detail}${hint ? ` (${hint})` : ''}`,
    status ?? 0,
    data,
  );
}

export async function playRun(
  run: StoreRun,
  target: StoreTarget,
  sets: LocalSet[],
): Promise<{ plan: SetPlan[]; failures: string[] }> {
  for (const s of sets) {
    const max =
      s.displayType === 'featureGraphic' || s.displayType === 'icon' || s.displayType === 'tvBanner'
        ? 1
        : PLAY.maxPerType;
    if (s.images.length > max)
      throw new UploadBlocked(`${s.locale} ${s.displayType} has ${s.images.length} images; Play takes at most ${max}`);
  }
  const auth = playAuthClient(run.play!, run.t);
  const rootUrl = run.baseUrl.endsWith('/') ? run.baseUrl : `${run.baseUrl}/`;
  const api: androidpublisher_v3.Androidpublisher = androidpublisher({ version: 'v3', auth, rootUrl, retry: false });
  // The global rootUrl does not reach media uploads (googleapis-common builds mediaUrl from the
  // per-call rootUrl only), so every call names it too.
  const mo = { rootUrl };
  const packageName = target.app;
  const call = async <T>(what: string, safe: boolean, fn: () => Promise<{ data: T }>): Promise<T> => {
    try {
      return (await withRetry(run.t, `Play ${what}`, safe, fn, classify)).data;
    } catch (e) {
      throw explain(e, what);
    }
  };

  const edit = await call<androidpublisher_v3.Schema$AppEdit>('edits.insert', false, () =>
    api.edits.insert({ packageName, requestBody: {} }, mo),
  );
  const editId = edit.id!;
  let committed = false;
  try {
    const plan: SetPlan[] = [];
    for (const s of sets) {
      const imageType = s.displayType;
      const listed = await call<androidpublisher_v3.Schema$ImagesListResponse>(
        `images.list ${s.locale} ${imageType}`,
        true,
        () => api.edits.images.list({ packageName, editId, language: s.locale, imageType }, mo),
      );
      const live: LiveImage[] = (listed.images ?? []).map((i) => ({
        id: i.id!,
        checksum: i.sha256 ?? undefined,
        label: i.id!,
        usable: true,
      }));
      plan.push(
        planSet({ store: 'play', locale: s.locale, displayType: imageType }, s.images, live, (i) => i.sha256, true),
      );
    }
    await run.onPlan?.(plan);
    if (run.dryRun) {
      await call('edits.validate', true, () => api.edits.validate({ packageName, editId }, mo));
      return { plan, failures: [] };
    }
    for (const p of plan) {
      const where = `${p.locale} ${p.displayType}`;
      for (const d of p.delete) {
        await call(`images.delete ${where} ${d.id}`, true, () =>
          api.edits.images.delete(
            { packageName, editId, language: p.locale, imageType: p.displayType, imageId: d.id },
            mo,
          ),
        );
        run.t.log(`${where}: deleted ${d.id}`);
      }
      for (const u of p.upload) {
        const body = readFileSync(u.file);
        // Retrying an upload inside the edit could add the image twice: a failed one fails the run, and the edit is dropped.
        const res = await call<androidpublisher_v3.Schema$ImagesUploadResponse>(
          `images.upload ${where} ${u.path}`,
          false,
          () =>
            api.edits.images.upload(
              { packageName, editId, language: p.locale, imageType: p.displayType, media: { mimeType: u.mime, body } },
              mo,
            ),
        );
        if (res.image?.sha256 && res.image.sha256.toLowerCase() !== u.sha256)
          throw new StoreHttpError(
            `Google Play stored ${u.path} with sha256 ${res.image.sha256}, not ${u.sha256}: the upload was altered on the way`,
            0,
            res,
          );
        run.t.log(`${where}: uploaded ${u.path}`);
      }
    }
    await call('edits.validate', true, () => api.edits.validate({ packageName, editId }, mo));
    await call('edits.commit', false, () =>
      api.edits.commit(
        { packageName, editId, changesNotSentForReview: target.changesNotSentForReview ? true : undefined },
        mo,
      ),
    );
    committed = true;
    run.t.log(`committed edit ${editId}`);
    return { plan, failures: [] };
  } finally {
    if (!committed) {
      // Best effort: an uncommitted edit expires by itself; deleting it frees the app for other tools now.
      await api.edits.delete({ packageName, editId }, mo).catch(() => undefined);
    }
  }
}
