import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  require_export_contract
} from "./chunk-VUHEZDQ2.js";
import {
  __commonJS,
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// node_modules/hyphen/patterns/eu.js
var require_eu = __commonJS({
  "node_modules/hyphen/patterns/eu.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    (function(root, exports2) {
      if (typeof define === "function" && define.amd) {
        define([], function() {
          return exports2;
        });
      } else if (typeof module === "object" && module.exports) {
        module.exports = exports2;
      } else {
        root.hyphenationPatternsEu = exports2;
      }
    })(exports, [
      [[1], [1, 2], [0, 0, 2, 2]],
      {
        b: {
          a: 0,
          e: 0,
          o: 0,
          i: 0,
          u: 0,
          l: { a: 1, e: 1, o: 1, i: 1, u: 1 },
          r: { a: 1, e: 1, o: 1, i: 1, u: 1 }
        },
        c: { a: 0, e: 0, o: 0, i: 0, u: 0 },
        d: { a: 0, e: 0, o: 0, i: 0, u: 0, r: { a: 1, e: 1, o: 1, i: 1, u: 1 } },
        f: {
          a: 0,
          e: 0,
          o: 0,
          i: 0,
          u: 0,
          l: { a: 1, e: 1, o: 1, i: 1, u: 1 },
          r: { a: 1, e: 1, o: 1, i: 1, u: 1 }
        },
        g: {
          a: 0,
          e: 0,
          o: 0,
          i: 0,
          u: 0,
          l: { a: 1, e: 1, o: 1, i: 1, u: 1 },
          r: { a: 1, e: 1, o: 1, i: 1, u: 1 }
        },
        j: { a: 0, e: 0, o: 0, i: 0, u: 0 },
        k: {
          a: 0,
          e: 0,
          o: 0,
          i: 0,
          u: 0,
          l: { a: 1, e: 1, o: 1, i: 1, u: 1 },
          r: { a: 1, e: 1, o: 1, i: 1, u: 1 }
        },
        l: { a: 0, e: 0, o: 0, i: 0, u: 0, l: { a: 1, e: 1, o: 1, i: 1, u: 1 } },
        m: { a: 0, e: 0, o: 0, i: 0, u: 0 },
        n: { a: 0, e: 0, o: 0, i: 0, u: 0 },
        \u00F1: { a: 0, e: 0, o: 0, i: 0, u: 0 },
        p: {
          a: 0,
          e: 0,
          o: 0,
          i: 0,
          u: 0,
          l: { a: 1, e: 1, o: 1, i: 1, u: 1 },
          r: { a: 1, e: 1, o: 1, i: 1, u: 1 }
        },
        q: { a: 0, e: 0, o: 0, i: 0, u: 0 },
        r: { a: 0, e: 0, o: 0, i: 0, u: 0, r: { a: 1, e: 1, o: 1, i: 1, u: 1 } },
        s: { a: 0, e: 0, o: 0, i: 0, u: [{ b: { r: 2, l: 2 } }, 0] },
        t: {
          a: 0,
          e: 0,
          o: 0,
          i: 0,
          u: 0,
          s: { a: 1, e: 1, o: 1, i: 1, u: 1 },
          x: { a: 1, e: 1, o: 1, i: 1, u: 1 },
          z: { a: 1, e: 1, o: 1, i: 1, u: 1 },
          r: { a: 1, e: 1, o: 1, i: 1, u: 1 }
        },
        v: { a: 0, e: 0, o: 0, i: 0, u: 0 },
        w: { a: 0, e: 0, o: 0, i: 0, u: 0 },
        x: { a: 0, e: 0, o: 0, i: 0, u: 0 },
        y: { a: 0, e: 0, o: 0, i: 0, u: 0 },
        z: { a: 0, e: 0, o: 0, i: 0, u: 0 }
      },
      {}
    ]);
  }
});

// node_modules/hyphen/eu/index.js
var require_eu2 = __commonJS({
  "node_modules/hyphen/eu/index.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    module.exports = require_export_contract()(
      require_eu()
    );
  }
});
export default require_eu2();
