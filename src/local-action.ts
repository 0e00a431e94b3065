// The entry GitHub's local runner for JavaScript actions loads (`npx @github/local-action run .
// src/local-action.ts .env`, see docs/action.md#debugging-locally): it stubs @actions/* and calls
// the exported run(). The runner itself uses src/action.ts (dist/action.js).
export { runAction as run } from './action/main.js';
