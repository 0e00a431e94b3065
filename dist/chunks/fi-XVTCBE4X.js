import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  require_export_contract
} from "./chunk-VUHEZDQ2.js";
import {
  __commonJS,
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// node_modules/hyphen/patterns/fi.js
var require_fi = __commonJS({
  "node_modules/hyphen/patterns/fi.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    (function(root, exports2) {
      if (typeof define === "function" && define.amd) {
        define([], function() {
          return exports2;
        });
      } else if (typeof module === "object" && module.exports) {
        module.exports = exports2;
      } else {
        root.hyphenationPatternsFi = exports2;
      }
    })(exports, [
      [
        [1],
        [1, 0, 2],
        [0, 2],
        [0, 1, 2],
        [0, 1],
        [0, 3, 2],
        [0, 0, 1, 2],
        [0, 0, 1],
        [0, 0, 3],
        [0, 0, 0, 1, 2],
        [0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 1],
        [2, 1],
        [2, 1, 2],
        [1, 2],
        [0, 0, 0, 0, 0, 2, 1],
        [0, 0, 0, 2, 1],
        [0, 0, 0, 2, 1, 2],
        [1, 2, 0, 0, 0, 0, 2, 1],
        [0, 0, 0, 3],
        [0, 0, 2]
      ],
      {
        b: {
          a: 0,
          e: 0,
          i: [{ b: { l: { i: 19 } } }, 0],
          o: 0,
          u: 0,
          y: 0,
          l: [{ o: 14 }, 2],
          r: [{ i: 14, o: 14, u: 14 }, 2]
        },
        d: { a: 0, e: 0, i: 0, o: 0, u: 0, y: 0, \u00E4: 0, \u00F6: 0, r: [{ a: 14 }, 2] },
        f: {
          a: 0,
          e: 0,
          i: 0,
          o: 0,
          u: 0,
          y: 0,
          l: [{ a: 14 }, 2],
          r: [{ a: 14, e: 14 }, 2]
        },
        g: {
          a: 0,
          e: 0,
          i: 0,
          o: 0,
          u: 0,
          y: 0,
          \u00E4: 0,
          \u00F6: 0,
          l: [{ o: 14 }, 2],
          r: [{ a: 14 }, 2]
        },
        h: { a: 0, e: 0, i: 0, o: 0, u: 0, y: 0, \u00E4: 0, \u00F6: 0 },
        j: { a: 0, e: 0, i: 0, o: 0, u: 0, y: 0, \u00E4: 0, \u00F6: 0 },
        k: {
          a: 0,
          e: [{ u: { s: 11 } }, 0],
          i: 0,
          o: 0,
          u: 0,
          y: 0,
          \u00E4: 0,
          \u00F6: 0,
          l: 2,
          r: { a: 14, e: 14, i: 14 },
          v: [{ a: 14 }, 14]
        },
        l: { a: [{ s: 2 }, 0], e: 0, i: 0, o: 0, u: 0, y: 0, \u00E4: 0, \u00F6: 0 },
        m: { a: 0, e: 0, i: 0, o: 0, u: 0, y: 0, \u00E4: 0, \u00F6: 0 },
        n: {
          a: [
            {
              n: { t: { o: 12 }, n: { o: 12 } },
              j: { a: { n: 13 }, o: 13 },
              i: { k: { a: 12 } },
              l: { e: { n: 13 } }
            },
            0
          ],
          e: [{ d: { u: { s: 13 } } }, 0],
          i: 0,
          o: [
            {
              p: { e: { t: 13 }, i: { s: { t: 13 } } },
              s: { a: 13 },
              t: { t: { o: 12 }, o: { n: 12 } },
              m: { a: { i: 13 } }
            },
            0
          ],
          u: 0,
          y: [{ l: { i: { t: 13 } } }, 0],
          \u00E4: 0,
          \u00F6: 0
        },
        p: {
          a: 0,
          e: [{ r: { u: { s: 10 } } }, 0],
          i: 0,
          o: 0,
          u: 0,
          y: 0,
          \u00E4: 0,
          \u00F6: 0,
          l: 2,
          r: [{ o: 14 }, 2]
        },
        r: {
          a: [{ s: 2 }, 0],
          e: 0,
          i: 0,
          o: 0,
          u: 0,
          y: 0,
          \u00E4: 0,
          \u00F6: 0,
          t: { a: { u: { s: 10 } } }
        },
        s: {
          a: [
            {
              s: { i: { a: 13 }, e: 12 },
              l: { o: { i: 13 }, e: { n: 13 } },
              j: { a: { t: { u: 12 } }, o: 13 },
              p: { u: 12 }
            },
            0
          ],
          e: [{ s: { i: { t: { y: 13 } } } }, 0],
          i: [{ d: { e: { a: { ".": 13, n: 13 } } } }, 0],
          o: [
            {
              h: { j: { e: 12 } },
              p: { i: { s: { k: 13, t: 13 } } },
              s: { a: 13 }
            },
            0
          ],
          u: 0,
          y: [{ r: { i: { t: 13 } }, h: { t: { i: 13 } } }, 0],
          \u00E4: 0,
          \u00F6: 0,
          t: { r: 1 },
          p: { l: { i: 1 } },
          c: { h: 20 }
        },
        t: { a: 0, e: 0, i: 0, o: 0, u: 0, y: 0, \u00E4: 0, \u00F6: 0, s: { h: 20 } },
        v: { a: 0, e: 0, i: 0, o: 0, u: 0, y: 0, \u00E4: 0, \u00F6: 0 },
        \u00E4: { y: 2, a: 5, o: 5, u: 3, \u00E4: [{ i: 7, e: 7, y: 8 }, 2], \u00F6: 2 },
        y: {
          a: 3,
          o: 3,
          u: 3,
          \u00E4: { \u00E4: 4 },
          e: { i: 4 },
          l: { i: { o: { p: 9 } } }
        },
        o: {
          y: 4,
          \u00E4: 4,
          \u00F6: 4,
          a: { a: 4 },
          u: { u: 4, i: 4, e: 7, o: 7 },
          i: { a: 7, e: 7, o: 7, u: 7 }
        },
        \u00F6: { y: 2, a: 5, o: 5, u: 3, \u00F6: 2, \u00E4: 2, e: 3 },
        u: {
          y: 3,
          \u00E4: 3,
          \u00F6: 3,
          u: { a: 6, e: 6, o: 6, i: 6 },
          a: { a: 4 },
          e: { e: 4, a: 7 },
          i: { e: 7 },
          o: { a: 7, u: 7 },
          s: 2,
          l: { o: { s: 16 } }
        },
        a: {
          \u00E4: 4,
          \u00F6: 4,
          a: { i: 6, e: 6, o: 6, u: 6 },
          u: { u: 4, a: 7, e: 7 },
          e: { i: 4 },
          o: { i: 4 },
          i: { a: 7, e: 7, o: 7, u: 7 },
          l: {
            i: { a: { v: 9 } },
            o: { u: { s: 10 } },
            k: { e: { i: { s: 15 } } }
          },
          s: { i: { a: { n: 14, t: 14, k: { a: { s: 18 } } }, o: { i: 14 } } }
        },
        e: {
          e: { a: 6, i: 6, u: 6, y: 6 },
          a: { a: 4, i: 4 },
          u: { u: 4, a: 7 },
          \u00E4: { \u00E4: 4 },
          \u00F6: 3
        },
        i: {
          i: { a: 6, e: 6, o: 6 },
          a: { a: 4, u: 4 },
          u: { u: 4, a: 7, e: 7, o: 7 },
          \u00E4: { \u00E4: 4 },
          \u00F6: { \u00F6: 4 },
          e: { a: 7, o: 7, y: 7 },
          o: { a: 6, e: 6 }
        },
        ".": {
          \u00E4: 2,
          y: { d: { i: { n: 16 } } },
          s: { u: { u: { r: { a: 17 } } } }
        },
        c: { l: 2, h: { r: 20 } },
        q: { v: [{ i: 14 }, 2] }
      },
      {}
    ]);
  }
});

// node_modules/hyphen/fi/index.js
var require_fi2 = __commonJS({
  "node_modules/hyphen/fi/index.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    module.exports = require_export_contract()(
      require_fi()
    );
  }
});
export default require_fi2();
