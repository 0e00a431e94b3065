// Modes whose inputs are reserved in action.yml but whose code lands with later issues.
import { UserError } from '../../util/errors.js';
import type { Mode } from '../inputs.js';

const WHAT: Partial<Record<Mode, string>> = {
  merge: 'merging the artifacts of a sharded matrix into one set',
};

export function reservedMode(mode: Mode): never {
  throw new UserError(`mode: ${mode} (${WHAT[mode] ?? mode}) is not available yet in this version of storeshots; use mode: local, remote or collect, or mode: comment for forks`);
}
