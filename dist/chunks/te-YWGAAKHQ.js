import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  require_export_contract
} from "./chunk-VUHEZDQ2.js";
import {
  __commonJS,
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// node_modules/hyphen/patterns/te.js
var require_te = __commonJS({
  "node_modules/hyphen/patterns/te.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    (function(root, exports2) {
      if (typeof define === "function" && define.amd) {
        define([], function() {
          return exports2;
        });
      } else if (typeof module === "object" && module.exports) {
        module.exports = exports2;
      } else {
        root.hyphenationPatternsTe = exports2;
      }
    })(exports, [
      [[2, 2], [1, 1], [0, 1], [1], [2, 1]],
      {
        "\u200D": 0,
        "\u200C": 1,
        \u0C05: 2,
        \u0C06: 2,
        \u0C07: 2,
        \u0C08: 2,
        \u0C09: 2,
        \u0C0A: 2,
        \u0C0B: 2,
        \u0C60: 2,
        \u0C0C: 2,
        \u0C61: 2,
        \u0C0E: 2,
        \u0C0F: 2,
        \u0C10: 2,
        \u0C12: 2,
        \u0C13: 2,
        \u0C14: 2,
        "\u0C3E": 2,
        "\u0C3F": 2,
        "\u0C40": 2,
        "\u0C41": 2,
        "\u0C42": 2,
        "\u0C43": 2,
        "\u0C44": 2,
        "\u0C46": 2,
        "\u0C47": 2,
        "\u0C48": 2,
        "\u0C4A": 2,
        "\u0C4B": 2,
        "\u0C4C": 2,
        \u0C15: 3,
        \u0C16: 3,
        \u0C17: 3,
        \u0C18: 3,
        \u0C19: 3,
        \u0C1A: 3,
        \u0C1B: 3,
        \u0C1C: 3,
        \u0C1D: 3,
        \u0C1E: 3,
        \u0C1F: 3,
        \u0C20: 3,
        \u0C21: 3,
        \u0C22: 3,
        \u0C23: 3,
        \u0C24: 3,
        \u0C25: 3,
        \u0C26: 3,
        \u0C27: 3,
        \u0C28: 3,
        \u0C2A: 3,
        \u0C2B: 3,
        \u0C2C: 3,
        \u0C2D: 3,
        \u0C2E: 3,
        \u0C2F: 3,
        \u0C30: 3,
        \u0C31: 3,
        \u0C32: 3,
        \u0C33: 3,
        \u0C35: 3,
        \u0C36: 3,
        \u0C37: 3,
        \u0C38: 3,
        \u0C39: 3,
        "\u0C01": 4,
        "\u0C02": 4,
        "\u0C03": 4,
        "\u0C55": 4,
        "\u0C56": 4,
        "\u0C4D": 0
      },
      {}
    ]);
  }
});

// node_modules/hyphen/te/index.js
var require_te2 = __commonJS({
  "node_modules/hyphen/te/index.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    module.exports = require_export_contract()(
      require_te()
    );
  }
});
export default require_te2();
