// The API keys in force. Keys from STORESHOTS_API_KEYS are fixed for the process; the --keys FILE is
// re-read when it changes (inotify on its folder, so an editor's or a deploy's rename is seen too, plus a
// stat poll as a fallback for file systems without change events) and on SIGHUP, so a revoked key is
// refused within a second without a restart. A server started with keys never becomes open: a file that
// is emptied leaves only the environment's keys (possibly none: then every request is refused).
import { readFileSync, unwatchFile, watch, watchFile, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { hashKey, parseKeysFile, type ServerConfig } from './config.js';
import { sha256 } from '../util/hash.js';
import { errorMessage } from '../util/errors.js';

export class KeyRing {
  private hashes: string[];
  /** True only when the server started without any key (allowed on loopback): every request is "open". */
  readonly open: boolean;
  private lastText?: string;
  private watcher?: FSWatcher;
  private polling = false;

  constructor(
    private readonly config: Pick<ServerConfig, 'keyHashes' | 'keysFile' | 'envKeyHashes'>,
    private readonly log: (msg: string) => void,
  ) {
    this.hashes = [...config.keyHashes];
    this.open = config.keyHashes.length === 0;
    if (config.keysFile) {
      try {
        this.lastText = readFileSync(config.keysFile, 'utf8');
      } catch {
        this.lastText = undefined;
      }
    }
  }

  /** sha256 (hex) of every key accepted right now. */
  current(): readonly string[] {
    return this.hashes;
  }

  /** Re-reads the keys file; keeps the keys in force when it cannot be read (a half-done deploy). */
  reload(reason: string): void {
    const file = this.config.keysFile;
    if (!file) {
      this.log(`${reason}: no --keys file to reload`);
      return;
    }
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      this.log(
        `${reason}: cannot read the keys file ${file} (${(e as NodeJS.ErrnoException).code ?? errorMessage(e)}); keeping the ${this.hashes.length} key(s) in force`,
      );
      return;
    }
    if (text === this.lastText && reason !== 'SIGHUP') return;
    this.lastText = text;
    const next = [...new Set([...this.config.envKeyHashes, ...parseKeysFile(text).map(hashKey)])];
    this.hashes = next;
    const digest = sha256(next.sort().join(',')).slice(0, 12);
    this.log(
      `keys reloaded (${reason}): ${next.length} key(s) in force [${digest}]${next.length === 0 ? '; every request is refused until keys are added' : ''}`,
    );
  }

  /** Watches the keys file's folder (renames replace the inode) and polls its stat as a fallback. */
  watch(): void {
    const file = this.config.keysFile;
    if (!file) return;
    const base = path.basename(file);
    try {
      this.watcher = watch(path.dirname(file), { persistent: false }, (_event, name) => {
        if (name === null || name === base) this.reload('file changed');
      });
      this.watcher.on('error', (e) => this.log(`watching the keys file: ${e.message}`));
    } catch (e) {
      this.log(`cannot watch the keys file's folder (${errorMessage(e)}); polling it`);
    }
    watchFile(file, { persistent: false, interval: 500 }, (cur, prev) => {
      if (cur.mtimeMs !== prev.mtimeMs || cur.ino !== prev.ino || cur.size !== prev.size) this.reload('file changed');
    });
    this.polling = true;
  }

  close(): void {
    this.watcher?.close();
    if (this.polling && this.config.keysFile) unwatchFile(this.config.keysFile);
  }
}
