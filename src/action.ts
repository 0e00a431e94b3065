// The GitHub Action's entry (action.yml: runs.main dist/action.js).
import { runAction } from './action/main.js';

await runAction();
