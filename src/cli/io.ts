// What a command may touch of its surroundings: defined in util/io.ts (the service's entry uses it too).
export { processIO, type CliIO } from '../util/io.js';
