import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  require_export_contract
} from "./chunk-VUHEZDQ2.js";
import {
  __commonJS,
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// node_modules/hyphen/patterns/ta.js
var require_ta = __commonJS({
  "node_modules/hyphen/patterns/ta.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    (function(root, exports2) {
      if (typeof define === "function" && define.amd) {
        define([], function() {
          return exports2;
        });
      } else if (typeof module === "object" && module.exports) {
        module.exports = exports2;
      } else {
        root.hyphenationPatternsTa = exports2;
      }
    })(exports, [
      [[2, 2], [1, 1], [0, 1], [1], [2, 0, 1], [2, 1]],
      {
        "\u200D": 0,
        "\u200C": 1,
        \u0B85: 1,
        \u0B86: 1,
        \u0B87: 1,
        \u0B88: 1,
        \u0B89: 1,
        \u0B8A: 1,
        \u0B8E: 1,
        \u0B8F: 1,
        \u0B90: 1,
        \u0B92: 1,
        \u0B93: 1,
        \u0B94: 1,
        "\u0BBE": 2,
        "\u0BBF": 2,
        "\u0BC0": 2,
        "\u0BC1": 2,
        "\u0BC2": 2,
        "\u0BC6": 2,
        "\u0BC7": 2,
        "\u0BC8": 2,
        "\u0BCA": 2,
        "\u0BCB": 2,
        "\u0BCC": 2,
        \u0B95: [{ "\u0BCD": 4 }, 3],
        \u0B99: [{ "\u0BCD": 4 }, 3],
        \u0B9A: [{ "\u0BCD": 4 }, 3],
        \u0B9C: 3,
        \u0B9E: [{ "\u0BCD": 4 }, 3],
        \u0B9F: [{ "\u0BCD": 4 }, 3],
        \u0BA3: [{ "\u0BCD": 4 }, 3],
        \u0BA4: [{ "\u0BCD": 4 }, 3],
        \u0BA8: [{ "\u0BCD": 4 }, 3],
        \u0BAA: [{ "\u0BCD": 4 }, 3],
        \u0BAE: [{ "\u0BCD": 4 }, 3],
        \u0BAF: [{ "\u0BCD": 4 }, 3],
        \u0BB0: [{ "\u0BCD": 4 }, 3],
        \u0BB1: [{ "\u0BCD": 4 }, 3],
        \u0BB2: [{ "\u0BCD": 4 }, 3],
        \u0BB3: [{ "\u0BCD": 4 }, 3],
        \u0BB4: [{ "\u0BCD": 4 }, 3],
        \u0BB5: [{ "\u0BCD": 4 }, 3],
        \u0BB7: [{ "\u0BCD": 4 }, 3],
        \u0BB8: [{ "\u0BCD": 4 }, 3],
        \u0BB9: [{ "\u0BCD": 4 }, 3],
        \u0BA9: { "\u0BCD": 4 },
        "\u0B82": 5,
        "\u0B83": 5,
        "\u0BD7": 5,
        "\u0BCD": 5
      },
      {}
    ]);
  }
});

// node_modules/hyphen/ta/index.js
var require_ta2 = __commonJS({
  "node_modules/hyphen/ta/index.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    module.exports = require_export_contract()(
      require_ta()
    );
  }
});
export default require_ta2();
