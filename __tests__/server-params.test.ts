// Query-string and path parameters are checked by the routes' schemas and answered in the API's
// error shape, worded by the formatter the manifest loader uses: `Expected <what> for <param> but received <value>`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server/server.js';
import { api, cleanup, KEY, tempData } from './helpers/server.js';

let server: RunningServer;
const data = tempData();

beforeAll(async () => {
  server = await startServer(
    { port: '0', host: '127.0.0.1', data },
    {
      cwd: process.cwd(),
      env: {
        STORESHOTS_API_KEYS: KEY,
        STORESHOTS_WORKERS: '1',
        STORESHOTS_RATE_LIMIT: '0',
        STORESHOTS_LOG_LEVEL: 'silent',
      },
      stdout: () => undefined,
      stderr: () => undefined,
      isTTY: false,
    },
  );
}, 60_000);
afterAll(async () => {
  await server?.close();
  cleanup(data);
});

const error = async (url: string) => {
  const r = await api(server.url, 'GET', url);
  return [r.status, r.body.error];
};

describe('route parameters', () => {
  it.each([
    ['/v1/renders?limit=500', 'limit', 'Expected an integer 1-100 for limit but received "500"'],
    ['/v1/renders?limit=0', 'limit', 'Expected an integer 1-100 for limit but received "0"'],
    ['/v1/renders?limit=1e1', 'limit', 'Expected an integer 1-100 for limit but received "1e1"'],
    ['/v1/renders?limit=0100', 'limit', 'Expected an integer 1-100 for limit but received "0100"'],
    ['/v1/renders?status=done', 'status', 'Expected a render status for status but received "done"'],
    ['/v1/renders?limit=1&limit=2', 'limit', 'Expected one value for limit but received 2'],
    ['/v1/renders?starting_after=rnd_x', 'starting_after', 'No render rnd_x for starting_after'],
  ])('%s -> 400 naming %s', async (url, param, message) => {
    expect(await error(url)).toEqual([400, { code: 'invalid_request', param, message }]);
  });

  it('takes every limit 1-100 as written with up to three digits, and ignores parameters it does not know', async () => {
    for (const limit of ['1', '05', '007', '10', '099', '100'])
      expect((await api(server.url, 'GET', `/v1/renders?limit=${limit}&other=a&other=b`)).status, limit).toBe(200);
  });
});
