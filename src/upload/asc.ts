// App Store Connect: find the app and the version that can be edited, read its screenshot sets,
// plan against our checksums (MD5, Apple's sourceFileChecksum), then reserve -> PUT parts ->
// commit -> wait for COMPLETE -> reorder -> delete. A version that cannot be edited is reported
// before anything changes.
import { readFileSync } from 'node:fs';
import { APPSTORE, DELIVER_DISPLAY_TYPES } from '../store/facts.js';
import {
  AscClient,
  type AppAttributes,
  type LocalizationAttributes,
  type Resource,
  type ScreenshotAttributes,
  type SetAttributes,
  type VersionAttributes,
} from './asc-client.js';
import { StoreHttpError } from './http.js';
import type { LocalSet } from './local.js';
import { planSet, type LiveImage, type SetPlan } from './plan.js';
import type { StoreRun, StoreTarget } from './types.js';

/** States in which a version's screenshots can be changed (fastlane's editable states, less WAITING_FOR_REVIEW which must be pulled from review first). */
export const EDITABLE_STATES = [
  'PREPARE_FOR_SUBMISSION',
  'DEVELOPER_REJECTED',
  'REJECTED',
  'METADATA_REJECTED',
  'INVALID_BINARY',
];

export function platformOf(displayType: string): 'IOS' | 'MAC_OS' | 'TV_OS' | 'VISION_OS' {
  if (displayType === 'APP_DESKTOP') return 'MAC_OS';
  if (displayType === 'APP_APPLE_TV') return 'TV_OS';
  if (displayType === 'APP_APPLE_VISION_PRO') return 'VISION_OS';
  return 'IOS';
}

export class UploadBlocked extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UploadBlocked';
  }
}

const stateOf = (v: Resource<VersionAttributes>) =>
  v.attributes?.appVersionState ?? v.attributes?.appStoreState ?? 'unknown';

interface AscSetPlan extends SetPlan {
  localizationId: string;
}

/** Reads the store and builds the plan; throws UploadBlocked before any change when the upload cannot go ahead. */
async function discover(api: AscClient, target: StoreTarget, sets: LocalSet[]): Promise<AscSetPlan[]> {
  for (const s of sets) {
    if (!DELIVER_DISPLAY_TYPES[s.displayType]) {
      throw new UploadBlocked(
        `${s.displayType} is not an App Store display type; known types and the sizes they take: ${Object.entries(
          DELIVER_DISPLAY_TYPES,
        )
          .map(([k, v]) => `${k} ${v.map(([w, h]) => `${w}x${h}`).join('/')}`)
          .join('; ')}`,
      );
    }
    if (s.images.length > APPSTORE.maxPerSet)
      throw new UploadBlocked(
        `${s.locale} ${s.displayType} has ${s.images.length} screenshots; App Store Connect takes at most ${APPSTORE.maxPerSet} per set`,
      );
  }
  const apps = await api.list<AppAttributes>('v1/apps', {
    'filter[bundleId]': target.app,
    'fields[apps]': 'bundleId,name',
  });
  const app = apps.find((a) => a.attributes?.bundleId === target.app);
  if (!app)
    throw new UploadBlocked(
      `No app with the bundle id ${target.app} is visible to this API key in App Store Connect${apps.length ? ` (found ${apps.map((a) => a.attributes?.bundleId).join(', ')})` : ''}`,
    );

  const out: AscSetPlan[] = [];
  const platforms = [...new Set(sets.map((s) => platformOf(s.displayType)))].sort();
  for (const platform of platforms) {
    const query: Record<string, string> = {
      'filter[platform]': platform,
      'fields[appStoreVersions]': 'platform,versionString,appStoreState,appVersionState',
      limit: '50',
    };
    if (target.version) query['filter[versionString]'] = target.version;
    const versions = await api.list<VersionAttributes>(`v1/apps/${app.id}/appStoreVersions`, query);
    let version: Resource<VersionAttributes> | undefined;
    if (target.version) {
      version = versions.find((v) => v.attributes?.versionString === target.version);
      if (!version)
        throw new UploadBlocked(`${target.app} has no ${platform} version ${target.version} in App Store Connect`);
      if (!EDITABLE_STATES.includes(stateOf(version))) {
        throw new UploadBlocked(
          `${platform} version ${target.version} of ${target.app} is ${stateOf(version)}: its screenshots cannot be changed (editable states: ${EDITABLE_STATES.join(', ')}). Nothing was changed.`,
        );
      }
    } else {
      version = versions.find((v) => EDITABLE_STATES.includes(stateOf(v)));
      if (!version) {
        const seen = versions.map((v) => `${v.attributes?.versionString} ${stateOf(v)}`).join(', ');
        throw new UploadBlocked(
          `${target.app} has no ${platform} version whose screenshots can be changed${seen ? ` (${seen})` : ''}: create a new version in App Store Connect, or name one with --version. Nothing was changed.`,
        );
      }
    }
    const locs = await api.list<LocalizationAttributes>(
      `v1/appStoreVersions/${version.id}/appStoreVersionLocalizations`,
      { 'fields[appStoreVersionLocalizations]': 'locale', limit: '200' },
    );
    const mine = sets.filter((s) => platformOf(s.displayType) === platform);
    const missing = [...new Set(mine.map((s) => s.locale))].filter(
      (l) => !locs.some((x) => x.attributes?.locale === l),
    );
    if (missing.length) {
      throw new UploadBlocked(
        `${platform} version ${version.attributes?.versionString} has no localization for ${missing.join(', ')} (it has ${locs.map((l) => l.attributes?.locale).join(', ') || 'none'}): add the languages in App Store Connect, or leave them out with --locale. Nothing was changed.`,
      );
    }
    for (const loc of locs) {
      const here = mine.filter((s) => s.locale === loc.attributes?.locale);
      if (!here.length) continue;
      const liveSets = await api.list<SetAttributes>(`v1/appStoreVersionLocalizations/${loc.id}/appScreenshotSets`, {
        'fields[appScreenshotSets]': 'screenshotDisplayType',
        limit: '50',
      });
      for (const s of here) {
        const liveSet = liveSets.find((x) => x.attributes?.screenshotDisplayType === s.displayType);
        const live: LiveImage[] = liveSet ? (await listShots(api, liveSet.id)).map(toLive) : [];
        out.push({
          ...planSet(
            { store: 'appstore', locale: s.locale, displayType: s.displayType, setId: liveSet?.id },
            s.images,
            live,
            (i) => i.md5,
            false,
          ),
          localizationId: loc.id,
        });
      }
    }
  }
  return out.sort((a, b) => a.locale.localeCompare(b.locale) || a.displayType.localeCompare(b.displayType));
}

function listShots(api: AscClient, setId: string): Promise<Array<Resource<ScreenshotAttributes>>> {
  return api.list<ScreenshotAttributes>(`v1/appScreenshotSets/${setId}/appScreenshots`, {
    'fields[appScreenshots]': 'fileName,fileSize,sourceFileChecksum,assetDeliveryState',
    limit: '50',
  });
}

function toLive(r: Resource<ScreenshotAttributes>): LiveImage {
  const state = r.attributes?.assetDeliveryState?.state;
  return {
    id: r.id,
    checksum: r.attributes?.sourceFileChecksum,
    label: r.attributes?.fileName ?? r.id,
    usable: state === 'COMPLETE' || state === 'UPLOAD_COMPLETE',
    processing: state === 'UPLOAD_COMPLETE',
  };
}

export interface AscOptions {
  /** How often to look at an asset being processed, and how many times. */
  pollMs?: number;
  maxPolls?: number;
}

async function waitForAsset(
  api: AscClient,
  run: StoreRun,
  id: string,
  label: string,
  o: Required<AscOptions>,
): Promise<{ ok: boolean; errors: string[] }> {
  for (let n = 0; n < o.maxPolls; n++) {
    const doc = await api.call<{ data: Resource<ScreenshotAttributes> }>('GET', `v1/appScreenshots/${id}`, {
      query: { 'fields[appScreenshots]': 'fileName,assetDeliveryState' },
    });
    const st = doc.data.attributes?.assetDeliveryState;
    if (st?.state === 'COMPLETE') return { ok: true, errors: [] };
    if (st?.state === 'FAILED')
      return { ok: false, errors: (st.errors ?? []).map((e) => [e.code, e.description].filter(Boolean).join(': ')) };
    await run.t.sleep(o.pollMs);
  }
  return {
    ok: false,
    errors: [
      `still processing after ${o.maxPolls} checks; run the upload again to continue (${label} is kept if it completes)`,
    ],
  };
}

async function applySet(api: AscClient, run: StoreRun, p: AscSetPlan, o: Required<AscOptions>): Promise<string[]> {
  const failures: string[] = [];
  const where = `${p.locale} ${p.displayType}`;
  let setId = p.setId;
  if (!setId) {
    try {
      const doc = await api.call<{ data: Resource }>('POST', 'v1/appScreenshotSets', {
        body: {
          data: {
            type: 'appScreenshotSets',
            attributes: { screenshotDisplayType: p.displayType },
            relationships: {
              appStoreVersionLocalization: { data: { type: 'appStoreVersionLocalizations', id: p.localizationId } },
            },
          },
        },
      });
      setId = doc.data.id;
    } catch (e) {
      // 409: the set exists after all (made by another run or by hand since we looked): use it.
      if (!(e instanceof StoreHttpError && e.status === 409)) throw e;
      const again = await api.list<SetAttributes>(
        `v1/appStoreVersionLocalizations/${p.localizationId}/appScreenshotSets`,
        { 'fields[appScreenshotSets]': 'screenshotDisplayType', limit: '50' },
      );
      setId = again.find((x) => x.attributes?.screenshotDisplayType === p.displayType)?.id;
      if (!setId) throw e;
    }
    run.t.log(`${where}: created the screenshot set`);
  }
  const remove = async (d: LiveImage) => {
    try {
      await api.call('DELETE', `v1/appScreenshots/${d.id}`);
    } catch (e) {
      if (!(e instanceof StoreHttpError && e.status === 404)) throw e; // already gone
    }
    run.t.log(`${where}: deleted ${d.label}`);
  };
  // A set holds at most 10: when the new ones would not fit beside the old, the old go first.
  const deleteFirst = p.order.filter((x) => x.keep).length + p.delete.length + p.upload.length > APPSTORE.maxPerSet;
  if (deleteFirst) for (const d of p.delete) await remove(d);

  const ids = new Map<string, string>();
  for (const img of p.upload) {
    const bytes = readFileSync(img.file);
    const doc = await api.call<{ data: Resource<ScreenshotAttributes> }>('POST', 'v1/appScreenshots', {
      body: {
        data: {
          type: 'appScreenshots',
          attributes: { fileName: img.fileName, fileSize: bytes.length },
          relationships: { appScreenshotSet: { data: { type: 'appScreenshotSets', id: setId } } },
        },
      },
    });
    const shot = doc.data;
    for (const op of shot.attributes?.uploadOperations ?? []) await api.putPart(op, bytes, img.path);
    await api.call('PATCH', `v1/appScreenshots/${shot.id}`, {
      body: {
        data: { type: 'appScreenshots', id: shot.id, attributes: { uploaded: true, sourceFileChecksum: img.md5 } },
      },
    });
    ids.set(img.path, shot.id);
    run.t.log(`${where}: uploaded ${img.path}`);
  }
  // Wait for Apple's processing: new assets, and kept ones a cut run left half-processed.
  const pending = [
    ...[...ids].map(([path, id]) => ({ path, id })),
    ...p.order.filter((x) => x.keep?.processing).map((x) => ({ path: x.image.path, id: x.keep!.id })),
  ];
  let broken = false;
  for (const { path, id } of pending) {
    const r = await waitForAsset(api, run, id, path, o);
    if (r.ok) continue;
    broken = true;
    failures.push(`${where}: ${path} ended FAILED in App Store Connect: ${r.errors.join('; ') || 'no reason given'}`);
    if (ids.get(path) === id) {
      await remove({ id, label: path, usable: false });
      ids.delete(path);
    }
  }
  if (broken) return failures; // old screenshots stay until the set can be completed

  const stale = deleteFirst ? [] : p.delete;
  if (p.reorder || stale.length) {
    const wanted = p.order.map((x) => (x.keep ? x.keep.id : ids.get(x.image.path)!));
    if (p.reorder) {
      await api.call('PATCH', `v1/appScreenshotSets/${setId}/relationships/appScreenshots`, {
        body: { data: [...wanted, ...stale.map((s) => s.id)].map((id) => ({ type: 'appScreenshots', id })) },
      });
      run.t.log(`${where}: reordered`);
    }
    for (const d of stale) await remove(d);
  }
  return failures;
}

export async function ascRun(
  run: StoreRun,
  target: StoreTarget,
  sets: LocalSet[],
  o: AscOptions = {},
): Promise<{ plan: SetPlan[]; failures: string[] }> {
  const api = new AscClient(run.asc!, run.baseUrl, run.t);
  const plan = await discover(api, target, sets);
  await run.onPlan?.(plan);
  if (run.dryRun) return { plan, failures: [] };
  const opts = { pollMs: o.pollMs ?? 2000, maxPolls: o.maxPolls ?? 150 };
  const failures: string[] = [];
  for (const p of plan) {
    failures.push(...(await applySet(api, run, p, opts)));
  }
  return { plan, failures };
}
