import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  require_export_contract
} from "./chunk-VUHEZDQ2.js";
import {
  __commonJS,
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// node_modules/hyphen/patterns/gu.js
var require_gu = __commonJS({
  "node_modules/hyphen/patterns/gu.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    (function(root, exports2) {
      if (typeof define === "function" && define.amd) {
        define([], function() {
          return exports2;
        });
      } else if (typeof module === "object" && module.exports) {
        module.exports = exports2;
      } else {
        root.hyphenationPatternsGu = exports2;
      }
    })(exports, [
      [[2, 2], [1, 1], [0, 1], [1], [2, 1]],
      {
        "\u200D": 0,
        "\u200C": 1,
        \u0A85: 2,
        \u0A86: 2,
        \u0A87: 2,
        \u0A88: 2,
        \u0A89: 2,
        \u0A8A: 2,
        \u0A8B: 2,
        \u0AE0: 2,
        \u0A8F: 2,
        \u0A90: 2,
        \u0A93: 2,
        \u0A94: 2,
        "\u0ABE": 2,
        "\u0ABF": 2,
        "\u0AC0": 2,
        "\u0AC1": 2,
        "\u0AC2": 2,
        "\u0AC3": 2,
        "\u0AC4": 2,
        "\u0AE2": 2,
        "\u0AE3": 2,
        "\u0AC7": 2,
        "\u0AC8": 2,
        "\u0ACB": 2,
        "\u0ACC": 2,
        \u0A95: 3,
        \u0A96: 3,
        \u0A97: 3,
        \u0A98: 3,
        \u0A99: 3,
        \u0A9A: 3,
        \u0A9B: 3,
        \u0A9C: 3,
        \u0A9D: 3,
        \u0A9E: 3,
        \u0A9F: 3,
        \u0AA0: 3,
        \u0AA1: 3,
        \u0AA2: 3,
        \u0AA3: 3,
        \u0AA4: 3,
        \u0AA5: 3,
        \u0AA6: 3,
        \u0AA7: 3,
        \u0AA8: 3,
        \u0AAA: 3,
        \u0AAB: 3,
        \u0AAC: 3,
        \u0AAD: 3,
        \u0AAE: 3,
        \u0AAF: 3,
        \u0AB0: 3,
        \u0AB2: 3,
        \u0AB3: 3,
        \u0AB5: 3,
        \u0AB6: 3,
        \u0AB7: 3,
        \u0AB8: 3,
        \u0AB9: 3,
        "\u0A81": 4,
        "\u0A83": 4,
        \u0ABD: 4,
        "\u0ACD": 0,
        "\u0A82": 0
      },
      {}
    ]);
  }
});

// node_modules/hyphen/gu/index.js
var require_gu2 = __commonJS({
  "node_modules/hyphen/gu/index.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    module.exports = require_export_contract()(
      require_gu()
    );
  }
});
export default require_gu2();
