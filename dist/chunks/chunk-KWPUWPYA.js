import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  RenderError,
  errorMessage
} from "./chunk-7IMI5VS3.js";
import {
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// src/render/native.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { createRequire } from "node:module";
var require2 = createRequire(import.meta.url);
var canvasMod;
var sharpMod;
function load(name) {
  try {
    return require2(name);
  } catch (e) {
    const why = errorMessage(e).split("\n")[0];
    throw new RenderError(
      `cannot load the native module ${name} (${why}). It ships prebuilt binaries per platform: reinstall with "npm install --include=optional" on the machine that renders (not a copy of node_modules from another OS/CPU), or render remotely with --remote`,
      { cause: e }
    );
  }
}
function canvas() {
  return canvasMod ??= load("@napi-rs/canvas");
}
function sharp() {
  if (!sharpMod) {
    sharpMod = load("sharp");
    sharpMod.cache(false);
  }
  return sharpMod;
}

export {
  canvas,
  sharp
};
