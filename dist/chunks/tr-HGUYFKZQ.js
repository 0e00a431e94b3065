import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  require_export_contract
} from "./chunk-VUHEZDQ2.js";
import {
  __commonJS,
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// node_modules/hyphen/patterns/tr.js
var require_tr = __commonJS({
  "node_modules/hyphen/patterns/tr.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    (function(root, exports2) {
      if (typeof define === "function" && define.amd) {
        define([], function() {
          return exports2;
        });
      } else if (typeof module === "object" && module.exports) {
        module.exports = exports2;
      } else {
        root.hyphenationPatternsTr = exports2;
      }
    })(exports, [
      [[2, 1], [1, 1], [2, 2], [2], [0, 3, 2], [0, 0, 4, 4], [0, 1, 4]],
      {
        a: [
          { a: 4, \u00E2: 4, e: 4, \u0131: 4, i: 4, \u00EE: 4, o: 4, \u00F6: 4, u: 4, \u00FC: 4, \u00FB: 4 },
          0
        ],
        \u00E2: [
          { a: 4, \u00E2: 4, e: 4, \u0131: 4, i: 4, \u00EE: 4, o: 4, \u00F6: 4, u: 4, \u00FC: 4, \u00FB: 4 },
          0
        ],
        e: [
          {
            c: { e: { k: { ".": 2 } } },
            a: 4,
            \u00E2: 4,
            e: 4,
            \u0131: 4,
            i: 4,
            \u00EE: 4,
            o: 4,
            \u00F6: 4,
            u: 4,
            \u00FC: 4,
            \u00FB: 4
          },
          0
        ],
        \u0131: [
          { a: 4, \u00E2: 4, e: 4, \u0131: 4, i: 4, \u00EE: 4, o: 4, \u00F6: 4, u: 4, \u00FC: 4, \u00FB: 4 },
          0
        ],
        i: [
          { a: 4, \u00E2: 4, e: 4, \u0131: 4, i: 4, \u00EE: 4, o: 4, \u00F6: 4, u: 4, \u00FC: 4, \u00FB: 4 },
          0
        ],
        \u00EE: [
          { a: 4, \u00E2: 4, e: 4, \u0131: 4, i: 4, \u00EE: 4, o: 4, \u00F6: 4, u: 4, \u00FC: 4, \u00FB: 4 },
          0
        ],
        o: [
          { a: 4, \u00E2: 4, e: 4, \u0131: 4, i: 4, \u00EE: 4, o: 4, \u00F6: 4, u: 4, \u00FC: 4, \u00FB: 4 },
          0
        ],
        \u00F6: [
          { a: 4, \u00E2: 4, e: 4, \u0131: 4, i: 4, \u00EE: 4, o: 4, \u00F6: 4, u: 4, \u00FC: 4, \u00FB: 4 },
          0
        ],
        u: [
          { a: 4, \u00E2: 4, e: 4, \u0131: 4, i: 4, \u00EE: 4, o: 4, \u00F6: 4, u: 4, \u00FC: 4, \u00FB: 4 },
          0
        ],
        \u00FC: [
          { a: 4, \u00E2: 4, e: 4, \u0131: 4, i: 4, \u00EE: 4, o: 4, \u00F6: 4, u: 4, \u00FC: 4, \u00FB: 4 },
          0
        ],
        \u00FB: [
          { a: 4, \u00E2: 4, e: 4, \u0131: 4, i: 4, \u00EE: 4, o: 4, \u00F6: 4, u: 4, \u00FC: 4, \u00FB: 4 },
          0
        ],
        b: [
          {
            b: 3,
            c: 3,
            \u00E7: 3,
            d: 3,
            f: 3,
            g: 3,
            \u011F: 3,
            h: 3,
            j: 3,
            k: 3,
            l: 3,
            m: 3,
            n: 3,
            p: 3,
            r: 3,
            s: 3,
            \u015F: 3,
            t: 3,
            v: 3,
            y: 3,
            z: 3
          },
          1
        ],
        c: [
          {
            b: 3,
            c: 3,
            \u00E7: 3,
            d: 3,
            f: 3,
            g: 3,
            \u011F: 3,
            h: 3,
            j: 3,
            k: 3,
            l: 3,
            m: 3,
            n: 3,
            p: 3,
            r: 3,
            s: 3,
            \u015F: 3,
            t: 3,
            v: 3,
            y: 3,
            z: 3
          },
          1
        ],
        \u00E7: [
          {
            b: 3,
            c: 3,
            \u00E7: 3,
            d: 3,
            f: 3,
            g: 3,
            \u011F: 3,
            h: 3,
            j: 3,
            k: 3,
            l: 3,
            m: 3,
            n: 3,
            p: 3,
            r: 3,
            s: 3,
            \u015F: 3,
            t: 3,
            v: 3,
            y: 3,
            z: 3
          },
          1
        ],
        d: [
          {
            b: 3,
            c: 3,
            \u00E7: 3,
            d: 3,
            f: 3,
            g: 3,
            \u011F: 3,
            h: 3,
            j: 3,
            k: 3,
            l: 3,
            m: 3,
            n: 3,
            p: 3,
            r: 3,
            s: 3,
            \u015F: 3,
            t: 3,
            v: 3,
            y: 3,
            z: 3
          },
          1
        ],
        f: [
          {
            b: 3,
            c: 3,
            \u00E7: 3,
            d: 3,
            f: 3,
            g: 3,
            \u011F: 3,
            h: 3,
            j: 3,
            k: 3,
            l: 3,
            m: 3,
            n: 3,
            p: 3,
            r: 3,
            s: 3,
            \u015F: 3,
            t: 3,
            v: 3,
            y: 3,
            z: 3
          },
          1
        ],
        g: [
          {
            b: 3,
            c: 3,
            \u00E7: 3,
            d: 3,
            f: 3,
            g: 3,
            \u011F: 3,
            h: 3,
            j: 3,
            k: 3,
            l: 3,
            m: 3,
            n: 3,
            p: 3,
            r: 3,
            s: 3,
            \u015F: 3,
            t: 3,
            v: 3,
            y: 3,
            z: 3
          },
          1
        ],
        \u011F: [
          {
            b: 3,
            c: 3,
            \u00E7: 3,
            d: 3,
            f: 3,
            g: 3,
            \u011F: 3,
            h: 3,
            j: 3,
            k: 3,
            l: 3,
            m: 3,
            n: 3,
            p: 3,
            r: 3,
            s: 3,
            \u015F: 3,
            t: 3,
            v: 3,
            y: 3,
            z: 3
          },
          1
        ],
        h: [
          {
            b: 3,
            c: 3,
            \u00E7: 3,
            d: 3,
            f: 3,
            g: 3,
            \u011F: 3,
            h: 3,
            j: 3,
            k: 3,
            l: 3,
            m: 3,
            n: 3,
            p: 3,
            r: 3,
            s: 3,
            \u015F: 3,
            t: 3,
            v: 3,
            y: 3,
            z: 3
          },
          1
        ],
        j: [
          {
            b: 3,
            c: 3,
            \u00E7: 3,
            d: 3,
            f: 3,
            g: 3,
            \u011F: 3,
            h: 3,
            j: 3,
            k: 3,
            l: 3,
            m: 3,
            n: 3,
            p: 3,
            r: 3,
            s: 3,
            \u015F: 3,
            t: 3,
            v: 3,
            y: 3,
            z: 3
          },
          1
        ],
        k: [
          {
            b: 3,
            c: 3,
            \u00E7: 3,
            d: 3,
            f: 3,
            g: 3,
            \u011F: 3,
            h: 3,
            j: 3,
            k: 3,
            l: 3,
            m: 3,
            n: 3,
            p: 3,
            r: 3,
            s: 3,
            \u015F: 3,
            t: 3,
            v: 3,
            y: 3,
            z: 3
          },
          1
        ],
        l: [
          {
            b: 3,
            c: 3,
            \u00E7: 3,
            d: 3,
            f: 3,
            g: 3,
            \u011F: 3,
            h: 3,
            j: 3,
            k: 3,
            l: 3,
            m: 3,
            n: 3,
            p: 3,
            r: 3,
            s: 3,
            \u015F: 3,
            t: 3,
            v: 3,
            y: 3,
            z: 3
          },
          1
        ],
        m: [
          {
            b: 3,
            c: 3,
            \u00E7: 3,
            d: 3,
            f: 3,
            g: 3,
            \u011F: 3,
            h: 3,
            j: 3,
            k: 3,
            l: 3,
            m: 3,
            n: 3,
            p: 3,
            r: 3,
            s: 3,
            \u015F: 3,
            t: [{ r: { a: { k: 6 } } }, 3],
            v: 3,
            y: 3,
            z: 3
          },
          1
        ],
        n: [
          {
            b: 3,
            c: 3,
            \u00E7: 3,
            d: 3,
            f: 3,
            g: 3,
            \u011F: 3,
            h: 3,
            j: 3,
            k: 3,
            l: 3,
            m: 3,
            n: 3,
            p: 3,
            r: 3,
            s: 3,
            \u015F: 3,
            t: 3,
            v: 3,
            y: 3,
            z: 3
          },
          1
        ],
        p: [
          {
            b: 3,
            c: 3,
            \u00E7: 3,
            d: 3,
            f: 3,
            g: 3,
            \u011F: 3,
            h: 3,
            j: 3,
            k: 3,
            l: 3,
            m: 3,
            n: 3,
            p: 3,
            r: 3,
            s: 3,
            \u015F: 3,
            t: 3,
            v: 3,
            y: 3,
            z: 3
          },
          1
        ],
        r: [
          {
            b: 3,
            c: 3,
            \u00E7: 3,
            d: 3,
            f: 3,
            g: 3,
            \u011F: 3,
            h: 3,
            j: 3,
            k: 3,
            l: 3,
            m: 3,
            n: 3,
            p: 3,
            r: 3,
            s: 3,
            \u015F: 3,
            t: 3,
            v: 3,
            y: 3,
            z: 3
          },
          1
        ],
        s: [
          {
            b: 3,
            c: 3,
            \u00E7: 3,
            d: 3,
            f: 3,
            g: 3,
            \u011F: 3,
            h: 3,
            j: 3,
            k: 3,
            l: 3,
            m: 3,
            n: 3,
            p: 3,
            r: 3,
            s: 3,
            \u015F: 3,
            t: 3,
            v: 3,
            y: 3,
            z: 3
          },
          1
        ],
        \u015F: [
          {
            b: 3,
            c: 3,
            \u00E7: 3,
            d: 3,
            f: 3,
            g: 3,
            \u011F: 3,
            h: 3,
            j: 3,
            k: 3,
            l: 3,
            m: 3,
            n: 3,
            p: 3,
            r: 3,
            s: 3,
            \u015F: 3,
            t: 3,
            v: 3,
            y: 3,
            z: 3
          },
          1
        ],
        t: [
          {
            b: 3,
            c: 3,
            \u00E7: 3,
            d: 3,
            f: 3,
            g: 3,
            \u011F: 3,
            h: 3,
            j: 3,
            k: 3,
            l: 3,
            m: 3,
            n: 3,
            p: 3,
            r: 3,
            s: 3,
            \u015F: 3,
            t: 3,
            v: 3,
            y: 3,
            z: 3,
            u: { r: { k: 5 } }
          },
          1
        ],
        v: [
          {
            b: 3,
            c: 3,
            \u00E7: 3,
            d: 3,
            f: 3,
            g: 3,
            \u011F: 3,
            h: 3,
            j: 3,
            k: 3,
            l: 3,
            m: 3,
            n: 3,
            p: 3,
            r: 3,
            s: 3,
            \u015F: 3,
            t: 3,
            v: 3,
            y: 3,
            z: 3
          },
          1
        ],
        y: [
          {
            b: 3,
            c: 3,
            \u00E7: 3,
            d: 3,
            f: 3,
            g: 3,
            \u011F: 3,
            h: 3,
            j: 3,
            k: 3,
            l: 3,
            m: 3,
            n: 3,
            p: 3,
            r: 3,
            s: 3,
            \u015F: 3,
            t: 3,
            v: 3,
            y: 3,
            z: 3
          },
          1
        ],
        z: [
          {
            b: 3,
            c: 3,
            \u00E7: 3,
            d: 3,
            f: 3,
            g: 3,
            \u011F: 3,
            h: 3,
            j: 3,
            k: 3,
            l: 3,
            m: 3,
            n: 3,
            p: 3,
            r: 3,
            s: 3,
            \u015F: 3,
            t: 3,
            v: 3,
            y: 3,
            z: 3
          },
          1
        ]
      },
      {}
    ]);
  }
});

// node_modules/hyphen/tr/index.js
var require_tr2 = __commonJS({
  "node_modules/hyphen/tr/index.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    module.exports = require_export_contract()(
      require_tr()
    );
  }
});
export default require_tr2();
