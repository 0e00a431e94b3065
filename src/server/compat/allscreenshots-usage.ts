// allscreenshots' usage endpoints (their SDKs' UsageAPI): GET /v1/usage/quota (QuotaStatusResponse) and
// GET /v1/usage (UsageResponse), over the one monthly image quota (STORESHOTS_MONTHLY_QUOTA) that
// `credits_remaining` reports on the other surfaces: one image is one screenshot of theirs.
import type { FastifyInstance } from 'fastify';
import { monthOf } from '../access.js';
import type { RouteDeps } from '../routes/shared.js';

/** Months of history GET /v1/usage shows (the current one and the ones before it). */
const HISTORY_MONTHS = 12;

/** [start, end) of the UTC month `offset` months from the one `now` is in. */
function period(now: number, offset: number): [number, number] {
  const d = new Date(now);
  return [
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1),
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset + 1, 1),
  ];
}

export async function usageRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  /** The key's screenshots this month: finished images plus those in flight, as the quota counts them. */
  const screenshots = async (owner: string) => {
    const now = deps.now();
    const used = (await deps.store.usage(owner, monthOf(now))) + (await deps.store.pendingSlides(owner));
    const limit = deps.config.limits.monthlyQuota ?? null;
    return {
      limit,
      used,
      remaining: limit === null ? null : Math.max(0, limit - used),
      percentUsed: limit === null ? null : limit === 0 ? 100 : Math.min(100, Math.round((100 * used) / limit)),
    };
  };

  app.get('/v1/usage/quota', async (req) => ({
    tier: 'SELF_HOSTED',
    screenshots: await screenshots(req.owner),
    periodEnds: new Date(period(deps.now(), 0)[1]).toISOString(),
  }));

  app.get('/v1/usage', async (req) => {
    const now = deps.now();
    const history = [];
    for (let i = 0; i > -HISTORY_MONTHS; i--) {
      const [start, end] = period(now, i);
      history.push({
        periodStart: new Date(start).toISOString(),
        periodEnd: new Date(end).toISOString(),
        screenshotsCount: await deps.store.usage(req.owner, monthOf(start)),
      });
    }
    const screenshotsQuota = await screenshots(req.owner);
    return {
      tier: 'SELF_HOSTED',
      currentPeriod: history[0],
      quota: { screenshots: screenshotsQuota },
      history,
      totals: { screenshotsCount: history.reduce((n, h) => n + h.screenshotsCount, 0) },
    };
  });
}
