import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  require_export_contract
} from "./chunk-VUHEZDQ2.js";
import {
  __commonJS,
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// node_modules/hyphen/patterns/bn.js
var require_bn = __commonJS({
  "node_modules/hyphen/patterns/bn.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    (function(root, exports2) {
      if (typeof define === "function" && define.amd) {
        define([], function() {
          return exports2;
        });
      } else if (typeof module === "object" && module.exports) {
        module.exports = exports2;
      } else {
        root.hyphenationPatternsBn = exports2;
      }
    })(exports, [
      [[2, 2], [1, 1], [0, 1], [1], [2, 1]],
      {
        "\u200D": 0,
        "\u200C": 1,
        \u0985: 2,
        \u0986: 2,
        \u0987: 2,
        \u0988: 2,
        \u0989: 2,
        \u098A: 2,
        \u098B: 2,
        \u09E0: 2,
        \u098C: 2,
        \u09E1: 2,
        \u098F: 2,
        \u0990: 2,
        \u0993: 2,
        \u0994: 2,
        "\u09BE": 2,
        "\u09BF": 2,
        "\u09C0": 2,
        "\u09C1": 2,
        "\u09C2": 2,
        "\u09C3": 2,
        "\u09C4": 2,
        "\u09E2": 2,
        "\u09E3": 2,
        "\u09C7": 2,
        "\u09C8": 2,
        "\u09CB": 2,
        "\u09CC": 2,
        "\u09BC": 0,
        "\u09D7": 2,
        \u0995: 3,
        \u0996: 3,
        \u0997: 3,
        \u0998: 3,
        \u0999: 3,
        \u099A: 3,
        \u099B: 3,
        \u099C: 3,
        \u099D: 3,
        \u099E: 3,
        \u099F: 3,
        \u09A0: 3,
        \u09A1: 3,
        \u09DC: 3,
        \u09A2: 3,
        \u09DD: 3,
        \u09A3: 3,
        \u09A4: 3,
        \u09A5: 3,
        \u09A6: 3,
        \u09A7: 3,
        \u09A8: 3,
        \u09AA: 3,
        \u09AB: 3,
        \u09AC: 3,
        \u09AD: 3,
        \u09AE: 3,
        \u09AF: 3,
        \u09DF: 3,
        \u09B0: 3,
        \u09B2: 3,
        \u09B6: 3,
        \u09B7: 3,
        \u09B8: 3,
        \u09B9: 3,
        "\u09CE": 2,
        "\u0983": 4,
        "\u0982": 4,
        "\u0981": 4,
        "\u09BD": 4,
        "\u09CD": 0
      },
      {}
    ]);
  }
});

// node_modules/hyphen/bn/index.js
var require_bn2 = __commonJS({
  "node_modules/hyphen/bn/index.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    module.exports = require_export_contract()(
      require_bn()
    );
  }
});
export default require_bn2();
