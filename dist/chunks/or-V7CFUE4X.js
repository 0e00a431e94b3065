import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  require_export_contract
} from "./chunk-VUHEZDQ2.js";
import {
  __commonJS,
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// node_modules/hyphen/patterns/or.js
var require_or = __commonJS({
  "node_modules/hyphen/patterns/or.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    (function(root, exports2) {
      if (typeof define === "function" && define.amd) {
        define([], function() {
          return exports2;
        });
      } else if (typeof module === "object" && module.exports) {
        module.exports = exports2;
      } else {
        root.hyphenationPatternsOr = exports2;
      }
    })(exports, [
      [[2, 2], [1, 1], [0, 1], [1], [2, 1]],
      {
        "\u200D": 0,
        "\u200C": 1,
        \u0B05: 2,
        \u0B06: 2,
        \u0B07: 2,
        \u0B08: 2,
        \u0B09: 2,
        \u0B0A: 2,
        \u0B0B: 2,
        \u0B60: 2,
        \u0B0C: 2,
        \u0B61: 2,
        \u0B0F: 2,
        \u0B10: 2,
        \u0B13: 2,
        \u0B14: 2,
        "\u0B3E": 2,
        "\u0B3F": 2,
        "\u0B40": 2,
        "\u0B41": 2,
        "\u0B42": 2,
        "\u0B43": 2,
        "\u0B47": 2,
        "\u0B48": 2,
        "\u0B4B": 2,
        "\u0B4C": 2,
        \u0B15: 3,
        \u0B16: 3,
        \u0B17: 3,
        \u0B18: 3,
        \u0B19: 3,
        \u0B1A: 3,
        \u0B1B: 3,
        \u0B1C: 3,
        \u0B1D: 3,
        \u0B1E: 3,
        \u0B1F: 3,
        \u0B20: 3,
        \u0B21: 3,
        \u0B22: 3,
        \u0B23: 3,
        \u0B24: 3,
        \u0B25: 3,
        \u0B26: 3,
        \u0B27: 3,
        \u0B28: 3,
        \u0B2A: 3,
        \u0B2B: 3,
        \u0B2C: 3,
        \u0B2D: 3,
        \u0B2E: 3,
        \u0B2F: 3,
        \u0B30: 3,
        \u0B32: 3,
        \u0B33: 3,
        "\u0B35": 3,
        \u0B36: 3,
        \u0B37: 3,
        \u0B38: 3,
        \u0B39: 3,
        "\u0B02": 4,
        "\u0B03": 4,
        "\u0B57": 4,
        "\u0B01": 4,
        "\u0B4D": 0
      },
      {}
    ]);
  }
});

// node_modules/hyphen/or/index.js
var require_or2 = __commonJS({
  "node_modules/hyphen/or/index.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    module.exports = require_export_contract()(
      require_or()
    );
  }
});
export default require_or2();
