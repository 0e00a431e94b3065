// What one upload run is given: the store's address, credentials, the outside world, and the app.
import type { AscCredentials } from './asc-client.js';
import type { Transport } from './http.js';
import type { PlayServiceAccount } from './play-auth.js';

export interface StoreRun {
  t: Transport;
  /** API base URL (the store's, or STORESHOTS_ASC_API_URL / STORESHOTS_PLAY_API_URL). */
  baseUrl: string;
  dryRun: boolean;
  /** Called with the plan once the store has been read, before anything changes. */
  onPlan?: (plan: import('./plan.js').SetPlan[]) => void | Promise<void>;
  asc?: AscCredentials;
  play?: PlayServiceAccount;
}

export interface StoreTarget {
  /** App Store bundle id, or Play package name. */
  app: string;
  /** App Store: the version string to edit (default: the one that can be edited). */
  version?: string;
  /** Play: commit with changesNotSentForReview. */
  changesNotSentForReview?: boolean;
}
