// A loopback GitHub REST server with the endpoints storeshots uses: issue comments, the Git
// Data API, pull requests, labels, workflow runs and their artifacts. Every request and response is
// checked against GitHub's OpenAPI description; `violations` lists what did not conform.
// Faults (rate limits, read-only tokens) can be injected per request.
import { createHash, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import { OpenApi } from './openapi.js';

type Json = any;

export interface TokenInfo {
  login: string;
  type: 'Bot' | 'User';
  /** Installation tokens (GITHUB_TOKEN) may not call GET /user. */
  installation: boolean;
  write: boolean;
  /** False for a GITHUB_TOKEN whose `permissions:` leave out `actions: read`: the Actions API answers 403. */
  actions?: boolean;
  /** A GitHub App's JWT: only the app's own endpoints (find an installation, mint its tokens) accept it. */
  app?: boolean;
  /** Repository names an installation token was limited to. */
  repositories?: string[];
}

/** A GitHub App installed on this repository: its JWTs are checked with the public key. */
export interface FakeApp {
  id: number;
  publicKey: KeyObject;
  installationId: number;
  /** False: GET /repos/{owner}/{repo}/installation answers 404 (the app is not installed here). */
  installed: boolean;
}

export interface Fault {
  method: string;
  /** Matched against the path (a RegExp or a substring). */
  path: RegExp | string;
  status: number;
  headers?: Record<string, string>;
  message?: string;
  /** How many requests it answers (default 1). */
  times?: number;
}

export interface Logged {
  method: string;
  path: string;
  status: number;
  body?: Json;
}

export interface PullRequest {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  head: { ref: string; sha: string; repo: string };
  base: { ref: string };
  labels: string[];
}

export interface FakeArtifactLink {
  /** REST artifacts of a workflow run id: name, id, size, and the blob URL to redirect to. */
  list(
    runId: number,
  ): Array<{ id: number; name: string; size: number; url: string; expired?: boolean; digest?: string }>;
  find(id: number): { id: number; url: string; expired?: boolean } | undefined;
}

/** A workflow run as the Actions API lists it (GET .../actions/runs/{run_id}, .../workflows/{id}/runs). */
export interface FakeRun {
  id: number;
  workflowId: number;
  /** The workflow file, e.g. .github/workflows/screenshots.yml (its base name also selects the workflow). */
  path: string;
  headBranch: string;
  headSha: string;
  event: string;
  status: 'completed' | 'in_progress' | 'queued';
  conclusion: 'success' | 'failure' | 'cancelled' | 'skipped' | null;
  /** owner/name the head branch lives in (a fork for a fork's pull request); default this repository. */
  headRepo?: string;
  /** ISO time; the list is newest first by this. */
  createdAt: string;
}

let openapi: OpenApi | undefined;

export class FakeGitHub {
  readonly owner: string;
  readonly repo: string;
  defaultBranch = 'main';
  private: boolean;
  readonly tokens = new Map<string, TokenInfo>();
  readonly blobs = new Map<string, Buffer>();
  /** tree sha -> flat map path -> blob sha. */
  readonly trees = new Map<string, Map<string, string>>();
  readonly commits = new Map<string, { tree: string; parents: string[]; message: string }>();
  readonly refs = new Map<string, string>();
  readonly comments: Array<{
    id: number;
    issue: number;
    body: string;
    user: TokenInfo;
    created: string;
    updated: string;
  }> = [];
  readonly pulls: PullRequest[] = [];
  readonly violations: string[] = [];
  readonly log: Logged[] = [];
  readonly faults: Fault[] = [];
  /** repository_dispatch events received (POST /repos/{owner}/{repo}/dispatches), as sent. */
  readonly dispatches: Json[] = [];
  artifacts?: FakeArtifactLink;
  app?: FakeApp;
  /** Installation tokens minted (POST /app/installations/{id}/access_tokens), with what they were limited to. */
  readonly installationTokens: Array<{ token: string; repositories?: string[]; permissions?: Json }> = [];
  /** Workflow runs, in any order (the API lists them newest first). */
  readonly runs: FakeRun[] = [];
  private server?: http.Server;
  private nextId = 1000;
  url = '';

  constructor(o: { owner?: string; repo?: string; private?: boolean } = {}) {
    this.owner = o.owner ?? 'acme';
    this.repo = o.repo ?? 'habitual';
    this.private = o.private ?? false;
    this.tokens.set('ghs_write', { login: 'github-actions[bot]', type: 'Bot', installation: true, write: true });
    this.tokens.set('ghs_read', { login: 'github-actions[bot]', type: 'Bot', installation: true, write: false });
    this.tokens.set('ghp_person', { login: 'octocat', type: 'User', installation: false, write: true });
    this.tokens.set('ghs_no_actions', {
      login: 'github-actions[bot]',
      type: 'Bot',
      installation: true,
      write: true,
      actions: false,
    });
    openapi ??= new OpenApi();
    // An initial commit on main with a README.
    const readme = this.putBlob(Buffer.from('# Habitual\n'));
    const tree = this.putTree(new Map([['README.md', readme]]));
    this.refs.set('heads/main', this.putCommit(tree, [], 'Initial commit'));
  }

  get full(): string {
    return `${this.owner}/${this.repo}`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  // ---- git objects ----
  putBlob(content: Buffer): string {
    const sha = createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
    this.blobs.set(sha, content);
    return sha;
  }

  putTree(files: Map<string, string>): string {
    const listing = [...files]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([p, s]) => `${p}\0${s}`)
      .join('\n');
    const sha = createHash('sha1').update(`tree ${listing}`).digest('hex');
    this.trees.set(sha, new Map(files));
    return sha;
  }

  putCommit(tree: string, parents: string[], message: string): string {
    const sha = createHash('sha1')
      .update(`commit ${tree} ${parents.join(',')} ${message} ${this.commits.size}`)
      .digest('hex');
    this.commits.set(sha, { tree, parents, message });
    return sha;
  }

  /** path -> content of the files at a branch's head. */
  filesOf(branch: string): Map<string, Buffer> {
    const head = this.refs.get(`heads/${branch}`);
    if (!head) return new Map();
    const tree = this.trees.get(this.commits.get(head)!.tree)!;
    return new Map([...tree].map(([p, s]) => [p, this.blobs.get(s)!]));
  }

  /** What a clone of the branch downloads: the commits reachable from its head, their trees' blobs (bytes and count). */
  reachable(branch: string): { commits: number; blobs: number; bytes: number } {
    const seen = new Set<string>();
    const blobs = new Set<string>();
    const todo = [this.refs.get(`heads/${branch}`)].filter((x): x is string => !!x);
    while (todo.length) {
      const sha = todo.pop()!;
      if (seen.has(sha)) continue;
      seen.add(sha);
      const c = this.commits.get(sha)!;
      for (const b of this.trees.get(c.tree)!.values()) blobs.add(b);
      todo.push(...c.parents);
    }
    return {
      commits: seen.size,
      blobs: blobs.size,
      bytes: [...blobs].reduce((n, b) => n + (this.blobs.get(b)?.length ?? 0), 0),
    };
  }

  /** Adds an open pull request from a branch of this repository. */
  openPull(number: number, headSha = 'f'.repeat(40)): void {
    this.pulls.push({
      number,
      title: `PR ${number}`,
      body: '',
      state: 'open',
      head: { ref: `feature-${number}`, sha: headSha, repo: this.full },
      base: { ref: 'main' },
      labels: [],
    });
  }

  /** Adds a commit to a branch (e.g. the base moved on). */
  commitTo(branch: string, files: Record<string, Buffer | null>, message = 'change'): string {
    const head = this.refs.get(`heads/${branch}`)!;
    const tree = new Map(this.trees.get(this.commits.get(head)!.tree)!);
    for (const [p, c] of Object.entries(files)) {
      if (c === null) tree.delete(p);
      else tree.set(p, this.putBlob(c));
    }
    const sha = this.putCommit(this.putTree(tree), [head], message);
    this.refs.set(`heads/${branch}`, sha);
    return sha;
  }

  /** Requests that changed something (not GETs). */
  writes(): Logged[] {
    return this.log.filter((l) => l.method !== 'GET' && l.status < 400);
  }

  // ---- HTTP ----
  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: Json;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      this.violations.push(`${method} ${url.pathname}: body is not JSON`);
    }
    for (const p of openapi!.checkRequest(method, url, body, req.headers['content-type']))
      this.violations.push(`request: ${p}`);
    const send = (status: number, out: Json, headers: Record<string, string> = {}, crossCutting = false) => {
      // Rate limits, bad credentials and read-only tokens can answer any operation; the
      // description lists them on few, so those answers are checked as GitHub's error shape.
      const documented = !!openapi!.find(method, url.pathname)?.op.responses[String(status)];
      crossCutting ||= !documented && [401, 403, 404, 429].includes(status);
      const problems = crossCutting
        ? openapi!
            .checkResponse('GET', new URL(`${this.url}/user`), 403, out, {})
            .map((p) => p.replace('GET /user 403', `${method} ${url.pathname} ${status}`))
        : openapi!.checkResponse(
            method,
            url,
            status,
            out,
            Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
          );
      for (const p of problems) this.violations.push(`response: ${p}`);
      this.log.push({ method, path: url.pathname + url.search, status, body });
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'x-ratelimit-remaining': '4999',
        ...headers,
      });
      res.end(out === undefined ? '' : JSON.stringify(out));
    };
    const err = (status: number, message: string, crossCutting = false, headers: Record<string, string> = {}) =>
      send(status, { message, documentation_url: 'https://docs.github.com/rest' }, headers, crossCutting);

    const fault = this.faults.find(
      (f) =>
        f.method === method && (typeof f.path === 'string' ? url.pathname.includes(f.path) : f.path.test(url.pathname)),
    );
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      return err(fault.status, fault.message ?? 'API rate limit exceeded', true, fault.headers);
    }
    const token = /^(?:token|Bearer) (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const op = openapi!.find(method, url.pathname);
    const appOnly =
      op?.template === '/repos/{owner}/{repo}/installation' || !!op?.template.startsWith('/app/installations/');
    const who = token && appOnly ? await this.appJwt(token) : token ? this.tokens.get(token) : undefined;
    if (!who) return err(401, appOnly ? 'A JSON web token could not be decoded' : 'Bad credentials', true);
    if (!op) return err(404, 'Not Found', true);
    if (who.repositories && op.pathParams.repo !== undefined && !who.repositories.includes(op.pathParams.repo))
      return err(404, 'Not Found', true);
    const p = op.pathParams;
    if (p.owner !== undefined && `${p.owner}/${p.repo}` !== this.full) return err(404, 'Not Found', true);
    if (method !== 'GET' && !who.write) return err(403, 'Resource not accessible by integration', true);
    if (who.actions === false && op.template.includes('/actions/'))
      return err(403, 'Resource not accessible by integration', true);
    try {
      await this.route(`${method} ${op.template}`, p, url, body, who, send, err);
    } catch (e) {
      this.violations.push(`server error: ${(e as Error).stack}`);
      err(422, `fake server: ${(e as Error).message}`);
    }
  }

  /** The app's identity when `token` is a JWT it signed (RS256, iss = app id, at most 10 minutes long). */
  private async appJwt(token: string): Promise<TokenInfo | undefined> {
    if (!this.app) return undefined;
    try {
      const { payload } = await jwtVerify(token, this.app.publicKey, { algorithms: ['RS256'], clockTolerance: 60 });
      // GitHub takes the app id as `iss`, a number or its decimal string.
      if (String(payload.iss) !== String(this.app.id)) return undefined;
      if (typeof payload.iat !== 'number' || typeof payload.exp !== 'number' || payload.exp - payload.iat > 660)
        return undefined;
      return { login: `app-${this.app.id}`, type: 'Bot', installation: false, write: true, app: true };
    } catch {
      return undefined;
    }
  }

  private userJson(u: TokenInfo): Json {
    return openapi!.sample('simple-user', {
      login: u.login,
      type: u.type,
      id: u.login.length,
      html_url: `https://github.com/${u.login}`,
    });
  }

  private repoJson(): Json {
    return openapi!.sample('full-repository', {
      name: this.repo,
      full_name: this.full,
      private: this.private,
      default_branch: this.defaultBranch,
      owner: this.userJson({ login: this.owner, type: 'User', installation: false, write: false }),
      html_url: `https://github.com/${this.full}`,
    });
  }

  private commentJson(c: FakeGitHub['comments'][number]): Json {
    return openapi!.sample('issue-comment', {
      id: c.id,
      body: c.body,
      user: this.userJson(c.user),
      html_url: `https://github.com/${this.full}/pull/${c.issue}#issuecomment-${c.id}`,
      issue_url: `${this.url}/repos/${this.full}/issues/${c.issue}`,
      url: `${this.url}/repos/${this.full}/issues/comments/${c.id}`,
      created_at: c.created,
      updated_at: c.updated,
      author_association: 'NONE',
    });
  }

  private prJson(pr: PullRequest, schema: 'pull-request' | 'pull-request-simple'): Json {
    const side = (ref: string, sha: string, repo: string) => ({
      ref,
      sha,
      label: `${repo.split('/')[0]}:${ref}`,
      repo: openapi!.sample('repository', { full_name: repo, name: repo.split('/')[1] }),
    });
    return openapi!.sample(schema, {
      number: pr.number,
      id: pr.number + 5000,
      title: pr.title,
      body: pr.body,
      state: pr.state,
      html_url: `https://github.com/${this.full}/pull/${pr.number}`,
      head: side(pr.head.ref, pr.head.sha, pr.head.repo),
      base: side(pr.base.ref, this.refs.get(`heads/${pr.base.ref}`) ?? '0'.repeat(40), this.full),
      labels: pr.labels.map((name, i) => ({
        id: i + 1,
        node_id: `L${i}`,
        url: `${this.url}/labels/${i}`,
        name,
        description: '',
        color: 'ededed',
        default: false,
      })),
    });
  }

  private treeEntries(tree: Map<string, string>, recursive: boolean): Json[] {
    const dirs = new Set<string>();
    for (const p of tree.keys()) {
      const parts = p.split('/');
      for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
    }
    const all = [
      ...[...dirs].map((d) => ({
        path: d,
        mode: '040000',
        type: 'tree',
        sha: createHash('sha1').update(`dir ${d}`).digest('hex'),
      })),
      ...[...tree].map(([p, s]) => ({
        path: p,
        mode: '100644',
        type: 'blob',
        sha: s,
        size: this.blobs.get(s)?.length ?? 0,
      })),
    ].sort((a, b) => (a.path < b.path ? -1 : 1));
    return recursive ? all : all.filter((e) => !e.path.includes('/'));
  }

  private async route(
    key: string,
    p: Record<string, string>,
    url: URL,
    body: Json,
    who: TokenInfo,
    send: (status: number, out: Json, headers?: Record<string, string>) => void,
    err: (status: number, message: string) => void,
  ): Promise<void> {
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const refJson = (ref: string) =>
      openapi!.sample('git-ref', {
        ref: `refs/${ref}`,
        url: `${this.url}/repos/${this.full}/git/refs/${ref}`,
        object: { type: 'commit', sha: this.refs.get(ref), url: `${this.url}/x` },
      });
    switch (key) {
      case 'GET /user':
        if (who.installation) return err(403, 'Resource not accessible by integration');
        return send(200, openapi!.sample('public-user', { login: who.login, type: who.type, id: 7 }));
      case 'GET /repos/{owner}/{repo}':
        return send(200, this.repoJson());
      case 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': {
        const all = this.comments.filter((c) => c.issue === Number(p.issue_number));
        const per = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        const slice = all.slice((page - 1) * per, page * per);
        const headers: Record<string, string> = {};
        if (page * per < all.length) {
          const next = new URL(url);
          next.searchParams.set('page', String(page + 1));
          headers.link = `<${next.href}>; rel="next"`;
        }
        return send(
          200,
          slice.map((c) => this.commentJson(c)),
          headers,
        );
      }
      case 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': {
        if (body.body.length > 65536)
          return err(422, 'Validation Failed: body is too long (maximum is 65536 characters)');
        const c = {
          id: this.nextId++,
          issue: Number(p.issue_number),
          body: body.body,
          user: who,
          created: now,
          updated: now,
        };
        this.comments.push(c);
        return send(201, this.commentJson(c), { location: `${this.url}/repos/${this.full}/issues/comments/${c.id}` });
      }
      case 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': {
        const c = this.comments.find((x) => x.id === Number(p.comment_id));
        if (!c) return err(404, 'Not Found');
        if (body.body.length > 65536)
          return err(422, 'Validation Failed: body is too long (maximum is 65536 characters)');
        c.body = body.body;
        c.updated = now;
        return send(200, this.commentJson(c));
      }
      case 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels': {
        const pr = this.pulls.find((x) => x.number === Number(p.issue_number));
        if (!pr) return err(404, 'Not Found');
        const labels: string[] = Array.isArray(body) ? body : body.labels;
        for (const l of labels) if (!pr.labels.includes(l)) pr.labels.push(l);
        return send(
          200,
          pr.labels.map((name, i) => openapi!.sample('label', { id: i + 1, name })),
        );
      }
      case 'GET /repos/{owner}/{repo}/git/ref/{ref}':
        if (!this.refs.has(p.ref!)) return err(404, 'Not Found');
        return send(200, refJson(p.ref!));
      case 'POST /repos/{owner}/{repo}/git/refs': {
        const ref = String(body.ref).replace(/^refs\//, '');
        if (this.refs.has(ref)) return err(422, 'Reference already exists');
        if (!this.commits.has(body.sha)) return err(422, 'Object does not exist');
        this.refs.set(ref, body.sha);
        return send(201, refJson(ref), { location: `${this.url}/repos/${this.full}/git/refs/${ref}` });
      }
      case 'PATCH /repos/{owner}/{repo}/git/refs/{ref}': {
        const cur = this.refs.get(p.ref!);
        if (!cur) return err(422, 'Reference does not exist');
        if (!this.commits.has(body.sha)) return err(422, 'Object does not exist');
        if (!body.force && !this.isAncestor(cur, body.sha)) return err(422, 'Update is not a fast forward');
        this.refs.set(p.ref!, body.sha);
        return send(200, refJson(p.ref!));
      }
      case 'GET /repos/{owner}/{repo}/git/commits/{commit_sha}': {
        const c = this.commits.get(p.commit_sha!);
        if (!c) return err(404, 'Not Found');
        return send(200, this.commitJson(p.commit_sha!));
      }
      case 'POST /repos/{owner}/{repo}/git/commits': {
        if (!this.trees.has(body.tree) || (body.parents ?? []).some((s: string) => !this.commits.has(s)))
          return err(422, 'Object does not exist');
        const sha = this.putCommit(body.tree, body.parents ?? [], body.message);
        return send(201, this.commitJson(sha), { location: `${this.url}/repos/${this.full}/git/commits/${sha}` });
      }
      case 'GET /repos/{owner}/{repo}/git/trees/{tree_sha}': {
        const t = this.trees.get(p.tree_sha!);
        if (!t) return err(404, 'Not Found');
        return send(
          200,
          openapi!.sample('git-tree', {
            sha: p.tree_sha,
            url: `${this.url}/t`,
            truncated: false,
            tree: this.treeEntries(t, url.searchParams.has('recursive')),
          }),
        );
      }
      case 'POST /repos/{owner}/{repo}/git/trees': {
        const base = body.base_tree ? this.trees.get(body.base_tree) : new Map<string, string>();
        if (!base) return err(422, 'base_tree does not exist');
        const t = new Map(base);
        for (const e of body.tree) {
          if (e.sha === null) {
            if (!t.delete(e.path)) return err(422, `GitRPC::BadObjectState: ${e.path} not in tree`);
          } else if (e.content !== undefined) t.set(e.path, this.putBlob(Buffer.from(e.content)));
          else if (this.blobs.has(e.sha)) t.set(e.path, e.sha);
          else return err(422, `tree.sha ${e.sha} is not a valid blob`);
        }
        const sha = this.putTree(t);
        return send(
          201,
          openapi!.sample('git-tree', {
            sha,
            url: `${this.url}/t`,
            truncated: false,
            tree: this.treeEntries(t, false),
          }),
          { location: `${this.url}/repos/${this.full}/git/trees/${sha}` },
        );
      }
      case 'POST /repos/{owner}/{repo}/git/blobs': {
        const content =
          body.encoding === 'base64' ? Buffer.from(body.content, 'base64') : Buffer.from(body.content, 'utf8');
        const sha = this.putBlob(content);
        return send(
          201,
          openapi!.sample('short-blob', { sha, url: `${this.url}/repos/${this.full}/git/blobs/${sha}` }),
          { location: `${this.url}/repos/${this.full}/git/blobs/${sha}` },
        );
      }
      case 'POST /repos/{owner}/{repo}/dispatches':
        this.dispatches.push(body);
        return send(204, undefined);
      case 'GET /repos/{owner}/{repo}/installation': {
        if (!this.app?.installed) return err(404, 'Not Found');
        return send(
          200,
          openapi!.sample('installation', {
            id: this.app.installationId,
            app_id: this.app.id,
            target_type: 'Organization',
            repository_selection: 'selected',
            access_tokens_url: `${this.url}/app/installations/${this.app.installationId}/access_tokens`,
            account: this.userJson({ login: this.owner, type: 'User', installation: false, write: false }),
          }),
        );
      }
      case 'POST /app/installations/{installation_id}/access_tokens': {
        if (!this.app?.installed || Number(p.installation_id) !== this.app.installationId) return err(404, 'Not Found');
        const repositories: string[] | undefined = body?.repositories;
        if (repositories?.some((r) => r !== this.repo))
          return err(422, `There is at least one repository that does not exist or is not accessible: ${repositories}`);
        const minted = `ghs_installation_${this.installationTokens.length + 1}`;
        this.installationTokens.push({ token: minted, repositories, permissions: body?.permissions });
        this.tokens.set(minted, {
          login: `app-${this.app.id}[bot]`,
          type: 'Bot',
          installation: true,
          write: body?.permissions ? body.permissions.contents === 'write' : true,
          repositories,
        });
        return send(
          201,
          openapi!.sample('installation-token', {
            token: minted,
            expires_at: new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
            permissions: body?.permissions ?? { contents: 'write' },
            repository_selection: 'selected',
          }),
        );
      }
      case 'GET /repos/{owner}/{repo}/pulls': {
        const state = url.searchParams.get('state') ?? 'open';
        const head = url.searchParams.get('head');
        const base = url.searchParams.get('base');
        const list = this.pulls.filter(
          (pr) =>
            (state === 'all' || pr.state === state) &&
            (!head || `${pr.head.repo.split('/')[0]}:${pr.head.ref}` === head) &&
            (!base || pr.base.ref === base),
        );
        return send(
          200,
          list.map((pr) => this.prJson(pr, 'pull-request-simple')),
        );
      }
      case 'POST /repos/{owner}/{repo}/pulls': {
        const sha = this.refs.get(`heads/${body.head}`);
        if (!sha || !this.refs.has(`heads/${body.base}`)) return err(422, 'Validation Failed');
        if (this.pulls.some((pr) => pr.state === 'open' && pr.head.ref === body.head && pr.base.ref === body.base))
          return err(422, 'A pull request already exists');
        const pr: PullRequest = {
          number: this.pulls.length + 1,
          title: body.title,
          body: body.body ?? '',
          state: 'open',
          head: { ref: body.head, sha, repo: this.full },
          base: { ref: body.base },
          labels: [],
        };
        this.pulls.push(pr);
        return send(201, this.prJson(pr, 'pull-request'), {
          location: `${this.url}/repos/${this.full}/pulls/${pr.number}`,
        });
      }
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}': {
        const pr = this.pulls.find((x) => x.number === Number(p.pull_number));
        if (!pr) return err(404, 'Not Found');
        if (pr.head.repo === this.full) pr.head.sha = this.refs.get(`heads/${pr.head.ref}`) ?? pr.head.sha;
        return send(200, this.prJson(pr, 'pull-request'));
      }
      case 'PATCH /repos/{owner}/{repo}/pulls/{pull_number}': {
        const pr = this.pulls.find((x) => x.number === Number(p.pull_number));
        if (!pr) return err(422, 'Validation Failed');
        if (body.title !== undefined) pr.title = body.title;
        if (body.body !== undefined) pr.body = body.body;
        if (body.state !== undefined) pr.state = body.state;
        return send(200, this.prJson(pr, 'pull-request'));
      }
      case 'GET /repos/{owner}/{repo}/actions/runs/{run_id}': {
        const r = this.runs.find((x) => x.id === Number(p.run_id));
        if (!r) return err(404, 'Not Found');
        return send(200, this.runJson(r, url.searchParams.get('exclude_pull_requests') === 'true'));
      }
      case 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs': {
        // workflow_id is the workflow's id or its file name.
        const w = p.workflow_id!;
        const q = (k: string) => url.searchParams.get(k);
        const status = q('status');
        const list = this.runs
          .filter(
            (r) =>
              (String(r.workflowId) === w || r.path.split('/').pop() === w) &&
              (!q('branch') || r.headBranch === q('branch')) &&
              (!q('event') || r.event === q('event')) &&
              (!q('head_sha') || r.headSha === q('head_sha')) &&
              // status takes a status (completed, in_progress…) or a conclusion (success, failure…).
              (!status || r.status === status || r.conclusion === status),
          )
          .sort((a, b) => (a.createdAt === b.createdAt ? b.id - a.id : a.createdAt < b.createdAt ? 1 : -1));
        const per = Math.min(100, Number(q('per_page') ?? 30));
        const page = Number(q('page') ?? 1);
        const headers: Record<string, string> = {};
        if (page * per < list.length) {
          const next = new URL(url);
          next.searchParams.set('page', String(page + 1));
          headers.link = `<${next.href}>; rel="next"`;
        }
        return send(
          200,
          {
            total_count: list.length,
            workflow_runs: list
              .slice((page - 1) * per, page * per)
              .map((r) => this.runJson(r, q('exclude_pull_requests') === 'true')),
          },
          headers,
        );
      }
      case 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts': {
        const name = url.searchParams.get('name');
        const list = (this.artifacts?.list(Number(p.run_id)) ?? []).filter((a) => !name || a.name === name);
        const run = this.runs.find((x) => x.id === Number(p.run_id));
        const arts = list.map((a) =>
          openapi!.sample('artifact', {
            id: a.id,
            name: a.name,
            size_in_bytes: a.size,
            url: `${this.url}/repos/${this.full}/actions/artifacts/${a.id}`,
            archive_download_url: `${this.url}/repos/${this.full}/actions/artifacts/${a.id}/zip`,
            expired: a.expired ?? false,
            created_at: now,
            updated_at: now,
            expires_at: now,
            digest: a.digest ?? null,
            ...(run && {
              workflow_run: { id: run.id, head_branch: run.headBranch, head_sha: run.headSha, repository_id: 1 },
            }),
          }),
        );
        return send(200, { total_count: arts.length, artifacts: arts });
      }
      case 'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}': {
        const a = this.artifacts?.find(Number(p.artifact_id));
        if (!a || a.expired) return err(410, 'Gone');
        return send(302, undefined, { location: a.url });
      }
      default:
        return err(404, `fake server does not implement ${key}`);
    }
  }

  private isAncestor(ancestor: string, sha: string): boolean {
    const seen = new Set<string>();
    const todo = [sha];
    while (todo.length) {
      const s = todo.pop()!;
      if (s === ancestor) return true;
      if (seen.has(s)) continue;
      seen.add(s);
      todo.push(...(this.commits.get(s)?.parents ?? []));
    }
    return false;
  }

  private runJson(r: FakeRun, excludePulls: boolean): Json {
    const repoOf = (full: string) =>
      openapi!.sample('minimal-repository', {
        id: full === this.full ? 1 : 2,
        name: full.split('/')[1],
        full_name: full,
        fork: full !== this.full,
        html_url: `https://github.com/${full}`,
        owner: this.userJson({ login: full.split('/')[0]!, type: 'User', installation: false, write: false }),
      });
    const head = r.headRepo ?? this.full;
    const base = `${this.url}/repos/${this.full}/actions/runs/${r.id}`;
    const prs = this.pulls.filter((pr) => pr.head.ref === r.headBranch && pr.head.repo === head && !excludePulls);
    return openapi!.sample('workflow-run', {
      id: r.id,
      name: 'Screenshots',
      node_id: `WFR_${r.id}`,
      head_branch: r.headBranch,
      head_sha: r.headSha,
      path: r.path,
      run_number: r.id % 1000,
      run_attempt: 1,
      display_title: `Run ${r.id}`,
      event: r.event,
      status: r.status,
      conclusion: r.conclusion,
      workflow_id: r.workflowId,
      url: base,
      html_url: `https://github.com/${this.full}/actions/runs/${r.id}`,
      created_at: r.createdAt,
      updated_at: r.createdAt,
      run_started_at: r.createdAt,
      jobs_url: `${base}/jobs`,
      logs_url: `${base}/logs`,
      check_suite_url: `${this.url}/repos/${this.full}/check-suites/${r.id}`,
      cancel_url: `${base}/cancel`,
      rerun_url: `${base}/rerun`,
      artifacts_url: `${base}/artifacts`,
      workflow_url: `${this.url}/repos/${this.full}/actions/workflows/${r.workflowId}`,
      pull_requests: prs.map((pr) => ({
        id: pr.number + 5000,
        number: pr.number,
        url: `${this.url}/repos/${this.full}/pulls/${pr.number}`,
        head: { ref: pr.head.ref, sha: pr.head.sha, repo: { id: 1, url: `${this.url}/repos/${head}`, name: head } },
        base: {
          ref: pr.base.ref,
          sha: this.refs.get(`heads/${pr.base.ref}`) ?? '0'.repeat(40),
          repo: { id: 1, url: `${this.url}/repos/${this.full}`, name: this.repo },
        },
      })),
      head_commit: null,
      repository: repoOf(this.full),
      head_repository: repoOf(head),
    });
  }

  private commitJson(sha: string): Json {
    const c = this.commits.get(sha)!;
    return openapi!.sample('git-commit', {
      sha,
      message: c.message,
      url: `${this.url}/repos/${this.full}/git/commits/${sha}`,
      html_url: `https://github.com/${this.full}/commit/${sha}`,
      tree: { sha: c.tree, url: `${this.url}/t` },
      parents: c.parents.map((s) => ({
        sha: s,
        url: `${this.url}/c`,
        html_url: `https://github.com/${this.full}/commit/${s}`,
      })),
    });
  }
}
