import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  require_export_contract
} from "./chunk-VUHEZDQ2.js";
import {
  __commonJS,
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// node_modules/hyphen/patterns/ml.js
var require_ml = __commonJS({
  "node_modules/hyphen/patterns/ml.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    (function(root, exports2) {
      if (typeof define === "function" && define.amd) {
        define([], function() {
          return exports2;
        });
      } else if (typeof module === "object" && module.exports) {
        module.exports = exports2;
      } else {
        root.hyphenationPatternsMl = exports2;
      }
    })(exports, [
      [[2, 2], [1, 1], [0, 1], [1], [2, 1], [0, 0, 2], [2]],
      {
        "\u200D": 0,
        "\u200C": 1,
        \u0D05: 1,
        \u0D06: 1,
        \u0D07: 1,
        \u0D08: 1,
        \u0D09: 1,
        \u0D0A: 1,
        \u0D0B: 1,
        \u0D60: 1,
        \u0D0C: 1,
        \u0D61: 1,
        \u0D0E: 1,
        \u0D0F: 1,
        \u0D10: 1,
        \u0D12: 1,
        \u0D13: 1,
        \u0D14: 1,
        "\u0D3E": 2,
        "\u0D3F": 2,
        "\u0D40": 2,
        "\u0D41": 2,
        "\u0D42": 2,
        "\u0D43": 2,
        "\u0D46": 2,
        "\u0D47": 2,
        "\u0D48": 2,
        "\u0D4A": 2,
        "\u0D4B": 2,
        "\u0D4C": 2,
        "\u0D57": 2,
        \u0D15: [{ "\u0D4D": [{ "\u200D": 6 }, 5] }, 3],
        \u0D16: 3,
        \u0D17: 3,
        \u0D18: 3,
        \u0D19: 3,
        \u0D1A: 3,
        \u0D1B: 3,
        \u0D1C: 3,
        \u0D1D: 3,
        \u0D1E: 3,
        \u0D1F: 3,
        \u0D20: 3,
        \u0D21: 3,
        \u0D22: 3,
        \u0D23: [{ "\u0D4D": [{ "\u200D": 6 }, 5] }, 3],
        \u0D24: 3,
        \u0D25: 3,
        \u0D26: 3,
        \u0D27: 3,
        \u0D28: [{ "\u0D4D": [{ "\u200D": 6 }, 5] }, 3],
        \u0D2A: 3,
        \u0D2B: 3,
        \u0D2C: 3,
        \u0D2D: 3,
        \u0D2E: 3,
        \u0D2F: 3,
        \u0D30: [{ "\u0D4D": [{ "\u200D": 6 }, 5] }, 3],
        \u0D31: 3,
        \u0D32: [{ "\u0D4D": [{ "\u200D": 6 }, 5] }, 3],
        \u0D33: [{ "\u0D4D": [{ "\u200D": 6 }, 5] }, 3],
        \u0D34: 3,
        \u0D35: 3,
        \u0D36: 3,
        \u0D37: 3,
        \u0D38: 3,
        \u0D39: 3,
        "\u0D03": 4,
        "\u0D02": 4,
        "\u0D4D": 0,
        "\u0D7A": 6,
        "\u0D7B": 6,
        "\u0D7C": 6,
        "\u0D7D": 6,
        "\u0D7E": 6,
        "\u0D7F": 6
      },
      {}
    ]);
  }
});

// node_modules/hyphen/ml/index.js
var require_ml2 = __commonJS({
  "node_modules/hyphen/ml/index.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    module.exports = require_export_contract()(
      require_ml()
    );
  }
});
export default require_ml2();
