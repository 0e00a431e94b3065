// POST /v1/bulk: many async renders in one request, each accepted or refused on its own. The renders
// accepted are held until the last item is done and then queued together (../hold.ts): a request that
// fails as a whole (an error of the service, the process killed) leaves none of them.
import type { FastifyInstance } from 'fastify';
import { checkQuota } from '../access.js';
import { netPolicy } from '../config.js';
import { ApiError } from '../errors.js';
import { allOrNothing } from '../hold.js';
import { acquireScreenshots } from '../inputs.js';
import { checkBulkShape, checkRenderRequest } from '../request.js';
import { webshotBulk } from '../compat/webshot.js';
import { idempotent, type RouteDeps } from './shared.js';

export async function bulkRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { config, store, renders, now } = deps;
  app.post('/v1/bulk', async (req, reply) => {
    const body = req.body;
    // The web screenshot API's bulk shape, {"jobs": [...]}, goes to its adapter; {"renders": [...]} is ours.
    if (body && typeof body === 'object' && 'jobs' in body && !('renders' in body))
      return webshotBulk(deps, req, reply);
    const { renders: items } = checkBulkShape(body);
    return idempotent(deps, req, reply, 'bulk', body, undefined, () =>
      allOrNothing(deps, async (hold) => {
        const results: Array<Record<string, unknown>> = [];
        const created: string[] = [];
        for (const [index, item] of items.entries()) {
          const prefix = `renders[${index}].`;
          try {
            const checked = await checkRenderRequest(item, { config, prefix });
            checked.spec.async = true;
            await checkQuota(config, store, req.owner, checked.spec.slides.length, now(), `renders[${index}]`);
            const shots = await acquireScreenshots(
              checked.screenshots,
              undefined,
              config.limits,
              netPolicy(config),
              prefix,
            );
            const row = hold.add(
              await renders.create(req.owner, checked, shots, deps.baseUrl(req), undefined, undefined, hold.until()),
            );
            created.push(row.id);
            results.push({ index, id: row.id, status: 'processing', polling_url: `/v1/renders/${row.id}` });
          } catch (e) {
            if (!(e instanceof ApiError)) throw e;
            results.push({ index, error: e.toJSON().error });
          }
        }
        return {
          status: 202,
          body: { object: 'bulk', submitted: created.length, failed: items.length - created.length, renders: results },
        };
      }),
    );
  });
}
