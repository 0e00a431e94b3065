import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  require_export_contract
} from "./chunk-VUHEZDQ2.js";
import {
  __commonJS,
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// node_modules/hyphen/patterns/mr.js
var require_mr = __commonJS({
  "node_modules/hyphen/patterns/mr.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    (function(root, exports2) {
      if (typeof define === "function" && define.amd) {
        define([], function() {
          return exports2;
        });
      } else if (typeof module === "object" && module.exports) {
        module.exports = exports2;
      } else {
        root.hyphenationPatternsMr = exports2;
      }
    })(exports, [
      [[2, 2], [1, 1], [0, 1], [1], [2, 1]],
      {
        "\u200D": 0,
        "\u200C": 1,
        \u0905: 2,
        \u0906: 2,
        \u0907: 2,
        \u0908: 2,
        \u0909: 2,
        \u090A: 2,
        \u090B: 2,
        \u0960: 2,
        \u090C: 2,
        \u0961: 2,
        \u090F: 2,
        \u0910: 2,
        \u0913: 2,
        \u0914: 2,
        "\u093E": 2,
        "\u093F": 2,
        "\u0940": 2,
        "\u0941": 2,
        "\u0942": 2,
        "\u0943": 2,
        "\u0944": 2,
        "\u0962": 2,
        "\u0963": 2,
        "\u0947": 2,
        "\u0948": 2,
        "\u094B": 2,
        "\u094C": 2,
        \u0915: 3,
        \u0916: 3,
        \u0917: 3,
        \u0918: 3,
        \u0919: 3,
        \u091A: 3,
        \u091B: 3,
        \u091C: 3,
        \u091D: 3,
        \u091E: 3,
        \u091F: 3,
        \u0920: 3,
        \u0921: 3,
        \u0922: 3,
        \u0923: 3,
        \u0924: 3,
        \u0925: 3,
        \u0926: 3,
        \u0927: 3,
        \u0928: 3,
        \u092A: 3,
        \u092B: 3,
        \u092C: 3,
        \u092D: 3,
        \u092E: 3,
        \u092F: 3,
        \u0930: 3,
        \u0932: 3,
        \u0933: 3,
        \u0935: 3,
        \u0936: 3,
        \u0937: 3,
        \u0938: 3,
        \u0939: 3,
        "\u0901": 4,
        "\u0902": 4,
        "\u0903": 4,
        \u093D: 4,
        "\u0951": 4,
        "\u0952": 4,
        "\u094D": 0
      },
      {}
    ]);
  }
});

// node_modules/hyphen/mr/index.js
var require_mr2 = __commonJS({
  "node_modules/hyphen/mr/index.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    module.exports = require_export_contract()(
      require_mr()
    );
  }
});
export default require_mr2();
