// The repository's root folder, computed once for every test (helpers, fakes and fixtures import it).
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
