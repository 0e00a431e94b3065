import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  require_export_contract
} from "./chunk-VUHEZDQ2.js";
import {
  __commonJS,
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// node_modules/hyphen/patterns/kn.js
var require_kn = __commonJS({
  "node_modules/hyphen/patterns/kn.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    (function(root, exports2) {
      if (typeof define === "function" && define.amd) {
        define([], function() {
          return exports2;
        });
      } else if (typeof module === "object" && module.exports) {
        module.exports = exports2;
      } else {
        root.hyphenationPatternsKn = exports2;
      }
    })(exports, [
      [[2, 2], [1, 1], [0, 1], [1], [2, 1]],
      {
        "\u200D": 0,
        "\u200C": 1,
        \u0C85: 2,
        \u0C86: 2,
        \u0C87: 2,
        \u0C88: 2,
        \u0C89: 2,
        \u0C8A: 2,
        \u0C8B: 2,
        \u0CE0: 2,
        \u0C8C: 2,
        \u0CE1: 2,
        \u0C8E: 2,
        \u0C8F: 2,
        \u0C90: 2,
        \u0C92: 2,
        \u0C93: 2,
        \u0C94: 2,
        "\u0CBE": 2,
        "\u0CBF": 2,
        "\u0CC0": 2,
        "\u0CC1": 2,
        "\u0CC2": 2,
        "\u0CC3": 2,
        "\u0CC4": 2,
        "\u0CC6": 2,
        "\u0CC7": 2,
        "\u0CC8": 2,
        "\u0CCA": 2,
        "\u0CCB": 2,
        "\u0CCC": 2,
        \u0C95: 3,
        \u0C96: 3,
        \u0C97: 3,
        \u0C98: 3,
        \u0C99: 3,
        \u0C9A: 3,
        \u0C9B: 3,
        \u0C9C: 3,
        \u0C9D: 3,
        \u0C9E: 3,
        \u0C9F: 3,
        \u0CA0: 3,
        \u0CA1: 3,
        \u0CA2: 3,
        \u0CA3: 3,
        \u0CA4: 3,
        \u0CA5: 3,
        \u0CA6: 3,
        \u0CA7: 3,
        \u0CA8: 3,
        \u0CAA: 3,
        \u0CAB: 3,
        \u0CAC: 3,
        \u0CAD: 3,
        \u0CAE: 3,
        \u0CAF: 3,
        \u0CB0: 3,
        \u0CB1: 3,
        \u0CB2: 3,
        \u0CB3: 3,
        \u0CDE: 3,
        \u0CB5: 3,
        \u0CB6: 3,
        \u0CB7: 3,
        \u0CB8: 3,
        \u0CB9: 3,
        "\u0C82": 4,
        "\u0C83": 4,
        "\u0CBD": 4,
        "\u0CD5": 4,
        "\u0CD6": 4,
        "\u0CCD": 0
      },
      {}
    ]);
  }
});

// node_modules/hyphen/kn/index.js
var require_kn2 = __commonJS({
  "node_modules/hyphen/kn/index.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    module.exports = require_export_contract()(
      require_kn()
    );
  }
});
export default require_kn2();
