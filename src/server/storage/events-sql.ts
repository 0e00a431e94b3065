// The events query (ServiceStore.listEvents and event, storage/types.ts) in the SQL both engines
// speak: events are read from the outbox, one per event id among the `endpoint` deliveries of an
// owner's jobs, the id being the start of each delivery's body (EVENT_ID_AT). `ph(n)` writes the
// engine's n-th placeholder (`?` for SQLite, `$n` for PostgreSQL).
import { EVENT_ID_AT, type EventFilter } from './types.js';

export type SqlParam = string | number;

const ID = `substr(d.body, ${EVENT_ID_AT.start}, ${EVENT_ID_AT.length})`;
const CREATED = 'MIN(d.created_at)';
const UNDELIVERED = "SUM(CASE WHEN d.status <> 'delivered' THEN 1 ELSE 0 END)";

export function eventsSql(
  owner: string,
  ph: (n: number) => string,
  opts: { id?: string; limit?: number; filter?: EventFilter },
): { sql: string; params: SqlParam[] } {
  const params: SqlParam[] = [];
  const p = (v: SqlParam) => {
    params.push(v);
    return ph(params.length);
  };
  const where = [`r.owner = ${p(owner)}`, "d.kind = 'endpoint'"];
  const having: string[] = [];
  const f = opts.filter ?? {};
  if (opts.id !== undefined) where.push(`${ID} = ${p(opts.id)}`);
  if (f.types) where.push(f.types.length ? `d.event IN (${f.types.map((t) => p(t)).join(', ')})` : '1 = 0');
  if (f.after)
    having.push(
      `(${CREATED} < ${p(f.after.created_at)} OR (${CREATED} = ${p(f.after.created_at)} AND ${ID} < ${p(f.after.id)}))`,
    );
  if (f.delivered !== undefined) having.push(`${UNDELIVERED} ${f.delivered ? '= 0' : '> 0'}`);
  const sql = `SELECT ${ID} AS id, MIN(d.event) AS type, MIN(d.body) AS body, MIN(d.render_id) AS render_id,
      ${CREATED} AS created_at, SUM(CASE WHEN d.status = 'pending' THEN 1 ELSE 0 END) AS pending
    FROM deliveries d JOIN renders r ON r.id = d.render_id
    WHERE ${where.join(' AND ')}
    GROUP BY ${ID}
    ${having.length ? `HAVING ${having.join(' AND ')}` : ''}
    ORDER BY ${CREATED} DESC, ${ID} DESC
    ${opts.limit !== undefined ? `LIMIT ${p(opts.limit)}` : ''}`;
  return { sql, params };
}
