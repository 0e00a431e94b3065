import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  require_export_contract
} from "./chunk-VUHEZDQ2.js";
import {
  __commonJS,
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// node_modules/hyphen/patterns/pa.js
var require_pa = __commonJS({
  "node_modules/hyphen/patterns/pa.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    (function(root, exports2) {
      if (typeof define === "function" && define.amd) {
        define([], function() {
          return exports2;
        });
      } else if (typeof module === "object" && module.exports) {
        module.exports = exports2;
      } else {
        root.hyphenationPatternsPa = exports2;
      }
    })(exports, [
      [[2, 2], [1, 1], [0, 1], [1], [2, 1]],
      {
        "\u200D": 0,
        "\u200C": 1,
        \u0A05: 2,
        \u0A06: 2,
        \u0A07: 2,
        \u0A08: 2,
        \u0A09: 2,
        \u0A0A: 2,
        \u0A0F: 2,
        \u0A10: 2,
        \u0A13: 2,
        \u0A14: 2,
        "\u0A3E": 2,
        "\u0A3F": 2,
        "\u0A40": 2,
        "\u0A41": 2,
        "\u0A42": 2,
        "\u0A47": 2,
        "\u0A48": 2,
        "\u0A4B": 2,
        "\u0A4C": 2,
        \u0A15: 3,
        \u0A16: 3,
        \u0A17: 3,
        \u0A18: 3,
        \u0A19: 3,
        \u0A1A: 3,
        \u0A1B: 3,
        \u0A1C: 3,
        \u0A1D: 3,
        \u0A1E: 3,
        \u0A1F: 3,
        \u0A20: 3,
        \u0A21: 3,
        \u0A22: 3,
        \u0A23: 3,
        \u0A24: 3,
        \u0A25: 3,
        \u0A26: 3,
        \u0A27: 3,
        \u0A28: 3,
        \u0A2A: 3,
        \u0A2B: 3,
        \u0A2C: 3,
        \u0A2D: 3,
        \u0A2E: 3,
        \u0A2F: 3,
        \u0A30: 3,
        \u0A32: 3,
        \u0A33: 3,
        \u0A35: 3,
        \u0A36: 3,
        \u0A38: 3,
        \u0A39: 3,
        "\u0A01": 4,
        "\u0A02": 4,
        "\u0A03": 4,
        "\u0A4D": 0,
        "\u0A70": 0,
        "\u0A71": 0
      },
      {}
    ]);
  }
});

// node_modules/hyphen/pa/index.js
var require_pa2 = __commonJS({
  "node_modules/hyphen/pa/index.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    module.exports = require_export_contract()(
      require_pa()
    );
  }
});
export default require_pa2();
