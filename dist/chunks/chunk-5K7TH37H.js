import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  fieldName,
  findManifest,
  loadManifest,
  require_dist,
  require_mod,
  validator
} from "./chunk-RCWPSLWT.js";
import {
  PLAY,
  PSEUDO_LOCALES,
  getPreset,
  isAcceptedSize,
  isRtlLocale,
  presetRefs,
  resolvePreset,
  storeLocale
} from "./chunk-UPRCV6JR.js";
import {
  writeFileAtomic
} from "./chunk-RGSZKQBU.js";
import {
  notAFile,
  notPngOrJpeg
} from "./chunk-F7KGQOZP.js";
import {
  sharp
} from "./chunk-KWPUWPYA.js";
import {
  contrastRatio
} from "./chunk-QNR4RP5L.js";
import {
  readImageFacts
} from "./chunk-DC2CIEVD.js";
import {
  COVERAGE_ADVICE,
  coverageProblems
} from "./chunk-HV66XK6Q.js";
import {
  isInside,
  packageRoot,
  resolveInside
} from "./chunk-AWSRQZJB.js";
import {
  missingContent,
  resolveContent,
  withoutDevice
} from "./chunk-CZBPMC5E.js";
import {
  sha256
} from "./chunk-6JH44W7O.js";
import {
  UserError,
  errorMessage,
  expected
} from "./chunk-7IMI5VS3.js";
import {
  __commonJS,
  __require,
  __toESM,
  init_define_globalThis_STORESHOTS_NATIVES
} from "./chunk-MMCJ6GSV.js";

// node_modules/ipaddr.js/lib/ipaddr.js
var require_ipaddr = __commonJS({
  "node_modules/ipaddr.js/lib/ipaddr.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    (function(root) {
      "use strict";
      const ipv4Part = "(0?\\d+|0x[a-f0-9]+)";
      const ipv4Regexes = {
        fourOctet: new RegExp(`^${ipv4Part}\\.${ipv4Part}\\.${ipv4Part}\\.${ipv4Part}$`, "i"),
        threeOctet: new RegExp(`^${ipv4Part}\\.${ipv4Part}\\.${ipv4Part}$`, "i"),
        twoOctet: new RegExp(`^${ipv4Part}\\.${ipv4Part}$`, "i"),
        longValue: new RegExp(`^${ipv4Part}$`, "i")
      };
      const octalRegex = new RegExp(`^0[0-7]+$`, "i");
      const hexRegex = new RegExp(`^0x[a-f0-9]+$`, "i");
      const zoneIndex = "%[0-9a-z]{1,}";
      const ipv6Part = "(?:[0-9a-f]+::?)+";
      const ipv6Regexes = {
        zoneIndex: new RegExp(zoneIndex, "i"),
        "native": new RegExp(`^(::)?(${ipv6Part})?([0-9a-f]+)?(::)?(${zoneIndex})?$`, "i"),
        deprecatedTransitional: new RegExp(`^(?:::)(${ipv4Part}\\.${ipv4Part}\\.${ipv4Part}\\.${ipv4Part}(${zoneIndex})?)$`, "i"),
        transitional: new RegExp(`^((?:${ipv6Part})|(?:::)(?:${ipv6Part})?)${ipv4Part}\\.${ipv4Part}\\.${ipv4Part}\\.${ipv4Part}(${zoneIndex})?$`, "i")
      };
      function expandIPv6(string, parts) {
        if (string.indexOf("::") !== string.lastIndexOf("::")) {
          return null;
        }
        let colonCount = 0;
        let lastColon = -1;
        let zoneId = (string.match(ipv6Regexes.zoneIndex) || [])[0];
        let replacement, replacementCount;
        if (zoneId) {
          zoneId = zoneId.substring(1);
          string = string.replace(/%.+$/, "");
        }
        while ((lastColon = string.indexOf(":", lastColon + 1)) >= 0) {
          colonCount++;
        }
        if (string.substr(0, 2) === "::") {
          colonCount--;
        }
        if (string.substr(-2, 2) === "::") {
          colonCount--;
        }
        if (colonCount >= parts) {
          return null;
        }
        replacementCount = parts - colonCount;
        replacement = ":";
        while (replacementCount--) {
          replacement += "0:";
        }
        string = string.replace("::", replacement);
        if (string[0] === ":") {
          string = string.slice(1);
        }
        if (string[string.length - 1] === ":") {
          string = string.slice(0, -1);
        }
        parts = (function() {
          const ref = string.split(":");
          const results = [];
          for (let i = 0; i < ref.length; i++) {
            results.push(ref[i].length > 4 ? NaN : parseInt(ref[i], 16));
          }
          return results;
        })();
        return {
          parts,
          zoneId
        };
      }
      function matchCIDR(first, second, partSize, cidrBits) {
        if (first.length !== second.length) {
          throw new Error("ipaddr: cannot match CIDR for objects with different lengths");
        }
        let part = 0;
        let shift;
        while (cidrBits > 0) {
          shift = partSize - cidrBits;
          if (shift < 0) {
            shift = 0;
          }
          if (first[part] >> shift !== second[part] >> shift) {
            return false;
          }
          cidrBits -= partSize;
          part += 1;
        }
        return true;
      }
      function parseIntAuto(string) {
        if (hexRegex.test(string)) {
          return parseInt(string, 16);
        }
        if (string[0] === "0" && !isNaN(parseInt(string[1], 10))) {
          if (octalRegex.test(string)) {
            return parseInt(string, 8);
          }
          throw new Error(`ipaddr: cannot parse ${string} as octal`);
        }
        return parseInt(string, 10);
      }
      function padPart(part, length) {
        while (part.length < length) {
          part = `0${part}`;
        }
        return part;
      }
      const ipaddr2 = {};
      ipaddr2.IPv4 = (function() {
        function IPv4(octets) {
          if (octets.length !== 4) {
            throw new Error("ipaddr: ipv4 octet count should be 4");
          }
          let i, octet;
          for (i = 0; i < octets.length; i++) {
            octet = octets[i];
            if (!(0 <= octet && octet <= 255)) {
              throw new Error("ipaddr: ipv4 octet should fit in 8 bits");
            }
          }
          this.octets = octets;
        }
        IPv4.prototype.SpecialRanges = {
          unspecified: [[new IPv4([0, 0, 0, 0]), 8]],
          broadcast: [[new IPv4([255, 255, 255, 255]), 32]],
          // RFC3171
          multicast: [[new IPv4([224, 0, 0, 0]), 4]],
          // RFC3927
          linkLocal: [[new IPv4([169, 254, 0, 0]), 16]],
          // RFC5735
          loopback: [[new IPv4([127, 0, 0, 0]), 8]],
          // RFC6598
          carrierGradeNat: [[new IPv4([100, 64, 0, 0]), 10]],
          // RFC1918
          "private": [
            [new IPv4([10, 0, 0, 0]), 8],
            [new IPv4([172, 16, 0, 0]), 12],
            [new IPv4([192, 168, 0, 0]), 16]
          ],
          // Reserved and testing-only ranges; RFCs 5735, 5737, 2544, 1700
          reserved: [
            [new IPv4([192, 0, 0, 0]), 24],
            [new IPv4([192, 0, 2, 0]), 24],
            [new IPv4([192, 88, 99, 0]), 24],
            [new IPv4([198, 18, 0, 0]), 15],
            [new IPv4([198, 51, 100, 0]), 24],
            [new IPv4([203, 0, 113, 0]), 24],
            [new IPv4([240, 0, 0, 0]), 4]
          ],
          // RFC7534, RFC7535
          as112: [
            [new IPv4([192, 175, 48, 0]), 24],
            [new IPv4([192, 31, 196, 0]), 24]
          ],
          // RFC7450
          amt: [
            [new IPv4([192, 52, 193, 0]), 24]
          ]
        };
        IPv4.prototype.kind = function() {
          return "ipv4";
        };
        IPv4.prototype.match = function(other, cidrRange) {
          let ref;
          if (cidrRange === void 0) {
            ref = other;
            other = ref[0];
            cidrRange = ref[1];
          }
          if (other.kind() !== "ipv4") {
            throw new Error("ipaddr: cannot match ipv4 address with non-ipv4 one");
          }
          return matchCIDR(this.octets, other.octets, 8, cidrRange);
        };
        IPv4.prototype.prefixLengthFromSubnetMask = function() {
          let cidr = 0;
          let stop = false;
          const zerotable = {
            0: 8,
            128: 7,
            192: 6,
            224: 5,
            240: 4,
            248: 3,
            252: 2,
            254: 1,
            255: 0
          };
          let i, octet, zeros;
          for (i = 3; i >= 0; i -= 1) {
            octet = this.octets[i];
            if (octet in zerotable) {
              zeros = zerotable[octet];
              if (stop && zeros !== 0) {
                return null;
              }
              if (zeros !== 8) {
                stop = true;
              }
              cidr += zeros;
            } else {
              return null;
            }
          }
          return 32 - cidr;
        };
        IPv4.prototype.range = function() {
          return ipaddr2.subnetMatch(this, this.SpecialRanges);
        };
        IPv4.prototype.toByteArray = function() {
          return this.octets.slice(0);
        };
        IPv4.prototype.toIPv4MappedAddress = function() {
          return ipaddr2.IPv6.parse(`::ffff:${this.toString()}`);
        };
        IPv4.prototype.toNormalizedString = function() {
          return this.toString();
        };
        IPv4.prototype.toString = function() {
          return this.octets.join(".");
        };
        return IPv4;
      })();
      ipaddr2.IPv4.broadcastAddressFromCIDR = function(string) {
        try {
          const cidr = this.parseCIDR(string);
          const ipInterfaceOctets = cidr[0].toByteArray();
          const subnetMaskOctets = this.subnetMaskFromPrefixLength(cidr[1]).toByteArray();
          const octets = [];
          let i = 0;
          while (i < 4) {
            octets.push(parseInt(ipInterfaceOctets[i], 10) | parseInt(subnetMaskOctets[i], 10) ^ 255);
            i++;
          }
          return new this(octets);
        } catch (e) {
          throw new Error("ipaddr: the address does not have IPv4 CIDR format", { cause: e });
        }
      };
      ipaddr2.IPv4.isIPv4 = function(string) {
        return this.parser(string) !== null;
      };
      ipaddr2.IPv4.isValid = function(string) {
        try {
          new this(this.parser(string));
          return true;
        } catch {
          return false;
        }
      };
      ipaddr2.IPv4.isValidCIDR = function(string) {
        try {
          this.parseCIDR(string);
          return true;
        } catch {
          return false;
        }
      };
      ipaddr2.IPv4.isValidFourPartDecimal = function(string) {
        if (ipaddr2.IPv4.isValid(string) && string.match(/^(0|[1-9]\d*)(\.(0|[1-9]\d*)){3}$/)) {
          return true;
        } else {
          return false;
        }
      };
      ipaddr2.IPv4.isValidCIDRFourPartDecimal = function(string) {
        const match = string.match(/^(.+)\/(\d+)$/);
        if (!ipaddr2.IPv4.isValidCIDR(string) || !match) {
          return false;
        }
        return ipaddr2.IPv4.isValidFourPartDecimal(match[1]);
      };
      ipaddr2.IPv4.networkAddressFromCIDR = function(string) {
        let cidr, i, ipInterfaceOctets, octets, subnetMaskOctets;
        try {
          cidr = this.parseCIDR(string);
          ipInterfaceOctets = cidr[0].toByteArray();
          subnetMaskOctets = this.subnetMaskFromPrefixLength(cidr[1]).toByteArray();
          octets = [];
          i = 0;
          while (i < 4) {
            octets.push(parseInt(ipInterfaceOctets[i], 10) & parseInt(subnetMaskOctets[i], 10));
            i++;
          }
          return new this(octets);
        } catch (e) {
          throw new Error("ipaddr: the address does not have IPv4 CIDR format", { cause: e });
        }
      };
      ipaddr2.IPv4.parse = function(string) {
        const parts = this.parser(string);
        if (parts === null) {
          throw new Error("ipaddr: string is not formatted like an IPv4 Address");
        }
        return new this(parts);
      };
      ipaddr2.IPv4.parseCIDR = function(string) {
        let match;
        if (match = string.match(/^(.+)\/(\d+)$/)) {
          const maskLength = parseInt(match[2]);
          if (maskLength >= 0 && maskLength <= 32) {
            const parsed = [this.parse(match[1]), maskLength];
            Object.defineProperty(parsed, "toString", {
              value: function() {
                return this.join("/");
              }
            });
            return parsed;
          }
        }
        throw new Error("ipaddr: string is not formatted like an IPv4 CIDR range");
      };
      ipaddr2.IPv4.parser = function(string) {
        let match, part, value;
        if (match = string.match(ipv4Regexes.fourOctet)) {
          return (function() {
            const ref = match.slice(1, 6);
            const results = [];
            for (let i = 0; i < ref.length; i++) {
              part = ref[i];
              results.push(parseIntAuto(part));
            }
            return results;
          })();
        } else if (match = string.match(ipv4Regexes.longValue)) {
          value = parseIntAuto(match[1]);
          if (value > 4294967295 || value < 0) {
            throw new Error("ipaddr: address outside defined range");
          }
          return (function() {
            const results = [];
            let shift;
            for (shift = 0; shift <= 24; shift += 8) {
              results.push(value >> shift & 255);
            }
            return results;
          })().reverse();
        } else if (match = string.match(ipv4Regexes.twoOctet)) {
          return (function() {
            const ref = match.slice(1, 4);
            const results = [];
            value = parseIntAuto(ref[1]);
            if (value > 16777215 || value < 0) {
              throw new Error("ipaddr: address outside defined range");
            }
            results.push(parseIntAuto(ref[0]));
            results.push(value >> 16 & 255);
            results.push(value >> 8 & 255);
            results.push(value & 255);
            return results;
          })();
        } else if (match = string.match(ipv4Regexes.threeOctet)) {
          return (function() {
            const ref = match.slice(1, 5);
            const results = [];
            value = parseIntAuto(ref[2]);
            if (value > 65535 || value < 0) {
              throw new Error("ipaddr: address outside defined range");
            }
            results.push(parseIntAuto(ref[0]));
            results.push(parseIntAuto(ref[1]));
            results.push(value >> 8 & 255);
            results.push(value & 255);
            return results;
          })();
        } else {
          return null;
        }
      };
      ipaddr2.IPv4.subnetMaskFromPrefixLength = function(prefix) {
        prefix = parseInt(prefix);
        if (Number.isNaN(prefix) || prefix < 0 || prefix > 32) {
          throw new Error("ipaddr: invalid IPv4 prefix length");
        }
        const octets = [0, 0, 0, 0];
        let j = 0;
        const filledOctetCount = Math.floor(prefix / 8);
        while (j < filledOctetCount) {
          octets[j] = 255;
          j++;
        }
        if (filledOctetCount < 4) {
          octets[filledOctetCount] = Math.pow(2, prefix % 8) - 1 << 8 - prefix % 8;
        }
        return new this(octets);
      };
      ipaddr2.IPv6 = (function() {
        function IPv6(parts, zoneId) {
          let i, part;
          if (parts.length === 16) {
            this.parts = [];
            for (i = 0; i <= 14; i += 2) {
              this.parts.push(parts[i] << 8 | parts[i + 1]);
            }
          } else if (parts.length === 8) {
            this.parts = parts;
          } else {
            throw new Error("ipaddr: ipv6 part count should be 8 or 16");
          }
          for (i = 0; i < this.parts.length; i++) {
            part = this.parts[i];
            if (!(0 <= part && part <= 65535)) {
              throw new Error("ipaddr: ipv6 part should fit in 16 bits");
            }
          }
          if (zoneId) {
            this.zoneId = zoneId;
          }
        }
        IPv6.prototype.SpecialRanges = {
          // RFC4291, here and after
          unspecified: [new IPv6([0, 0, 0, 0, 0, 0, 0, 0]), 128],
          linkLocal: [new IPv6([65152, 0, 0, 0, 0, 0, 0, 0]), 10],
          multicast: [new IPv6([65280, 0, 0, 0, 0, 0, 0, 0]), 8],
          loopback: [new IPv6([0, 0, 0, 0, 0, 0, 0, 1]), 128],
          uniqueLocal: [new IPv6([64512, 0, 0, 0, 0, 0, 0, 0]), 7],
          ipv4Mapped: [new IPv6([0, 0, 0, 0, 0, 65535, 0, 0]), 96],
          // RFC3879
          deprecatedSiteLocal: [new IPv6([65216, 0, 0, 0, 0, 0, 0, 0]), 10],
          // RFC6666
          discard: [new IPv6([256, 0, 0, 0, 0, 0, 0, 0]), 64],
          // RFC6145
          rfc6145: [new IPv6([0, 0, 0, 0, 65535, 0, 0, 0]), 96],
          rfc6052: [
            // RFC6052
            [new IPv6([100, 65435, 0, 0, 0, 0, 0, 0]), 96],
            // RFC8215
            [new IPv6([100, 65435, 1, 0, 0, 0, 0, 0]), 48]
          ],
          // RFC3056
          "6to4": [new IPv6([8194, 0, 0, 0, 0, 0, 0, 0]), 16],
          // RFC6052, RFC6146
          teredo: [new IPv6([8193, 0, 0, 0, 0, 0, 0, 0]), 32],
          // RFC5180
          benchmarking: [new IPv6([8193, 2, 0, 0, 0, 0, 0, 0]), 48],
          // RFC7450
          amt: [new IPv6([8193, 3, 0, 0, 0, 0, 0, 0]), 32],
          as112v6: [
            // RFC7535
            [new IPv6([8193, 4, 274, 0, 0, 0, 0, 0]), 48],
            // RFC7534
            [new IPv6([9760, 79, 32768, 0, 0, 0, 0, 0]), 48]
          ],
          // RFC4843
          deprecatedOrchid: [new IPv6([8193, 16, 0, 0, 0, 0, 0, 0]), 28],
          // RFC7343
          orchid2: [new IPv6([8193, 32, 0, 0, 0, 0, 0, 0]), 28],
          // RFC9374
          droneRemoteIdProtocolEntityTags: [new IPv6([8193, 48, 0, 0, 0, 0, 0, 0]), 28],
          // RFC9602
          segmentRouting: [new IPv6([24320, 0, 0, 0, 0, 0, 0, 0]), 16],
          reserved: [
            // RFC3849
            [new IPv6([8193, 0, 0, 0, 0, 0, 0, 0]), 23],
            // RFC2928
            [new IPv6([8193, 3512, 0, 0, 0, 0, 0, 0]), 32],
            // RFC9637
            [new IPv6([16383, 0, 0, 0, 0, 0, 0, 0]), 20]
          ]
        };
        IPv6.prototype.isIPv4MappedAddress = function() {
          return this.range() === "ipv4Mapped";
        };
        IPv6.prototype.kind = function() {
          return "ipv6";
        };
        IPv6.prototype.match = function(other, cidrRange) {
          let ref;
          if (cidrRange === void 0) {
            ref = other;
            other = ref[0];
            cidrRange = ref[1];
          }
          if (other.kind() !== "ipv6") {
            throw new Error("ipaddr: cannot match ipv6 address with non-ipv6 one");
          }
          return matchCIDR(this.parts, other.parts, 16, cidrRange);
        };
        IPv6.prototype.prefixLengthFromSubnetMask = function() {
          let cidr = 0;
          let stop = false;
          const zerotable = {
            0: 16,
            32768: 15,
            49152: 14,
            57344: 13,
            61440: 12,
            63488: 11,
            64512: 10,
            65024: 9,
            65280: 8,
            65408: 7,
            65472: 6,
            65504: 5,
            65520: 4,
            65528: 3,
            65532: 2,
            65534: 1,
            65535: 0
          };
          let part, zeros;
          for (let i = 7; i >= 0; i -= 1) {
            part = this.parts[i];
            if (part in zerotable) {
              zeros = zerotable[part];
              if (stop && zeros !== 0) {
                return null;
              }
              if (zeros !== 16) {
                stop = true;
              }
              cidr += zeros;
            } else {
              return null;
            }
          }
          return 128 - cidr;
        };
        IPv6.prototype.range = function() {
          return ipaddr2.subnetMatch(this, this.SpecialRanges);
        };
        IPv6.prototype.toByteArray = function() {
          let part;
          const bytes = [];
          const ref = this.parts;
          for (let i = 0; i < ref.length; i++) {
            part = ref[i];
            bytes.push(part >> 8);
            bytes.push(part & 255);
          }
          return bytes;
        };
        IPv6.prototype.toFixedLengthString = function() {
          const addr = (function() {
            const results = [];
            for (let i = 0; i < this.parts.length; i++) {
              results.push(padPart(this.parts[i].toString(16), 4));
            }
            return results;
          }).call(this).join(":");
          let suffix = "";
          if (this.zoneId) {
            suffix = `%${this.zoneId}`;
          }
          return addr + suffix;
        };
        IPv6.prototype.toIPv4Address = function() {
          if (!this.isIPv4MappedAddress()) {
            throw new Error("ipaddr: trying to convert a generic ipv6 address to ipv4");
          }
          const ref = this.parts.slice(-2);
          const high = ref[0];
          const low = ref[1];
          return new ipaddr2.IPv4([high >> 8, high & 255, low >> 8, low & 255]);
        };
        IPv6.prototype.toNormalizedString = function() {
          const addr = (function() {
            const results = [];
            for (let i = 0; i < this.parts.length; i++) {
              results.push(this.parts[i].toString(16));
            }
            return results;
          }).call(this).join(":");
          let suffix = "";
          if (this.zoneId) {
            suffix = `%${this.zoneId}`;
          }
          return addr + suffix;
        };
        IPv6.prototype.toRFC5952String = function() {
          const regex = /((^|:)(0(:|$)){2,})/g;
          let suffix = "";
          if (this.zoneId) {
            suffix = `%${this.zoneId}`;
          }
          const normalized = this.toNormalizedString();
          const string = normalized.slice(0, normalized.length - suffix.length);
          let bestMatchIndex = 0;
          let bestMatchLength = -1;
          let bestMatchGroups = -1;
          let match;
          while (match = regex.exec(string)) {
            const groups = (match[0].match(/0/g) || []).length;
            if (groups > bestMatchGroups) {
              bestMatchGroups = groups;
              bestMatchIndex = match.index;
              bestMatchLength = match[0].length;
            }
          }
          if (bestMatchLength < 0) {
            return string + suffix;
          }
          return `${string.substring(0, bestMatchIndex)}::${string.substring(bestMatchIndex + bestMatchLength)}${suffix}`;
        };
        IPv6.prototype.toString = function() {
          return this.toRFC5952String();
        };
        return IPv6;
      })();
      ipaddr2.IPv6.broadcastAddressFromCIDR = function(string) {
        try {
          const cidr = this.parseCIDR(string);
          const ipInterfaceOctets = cidr[0].toByteArray();
          const subnetMaskOctets = this.subnetMaskFromPrefixLength(cidr[1]).toByteArray();
          const octets = [];
          let i = 0;
          while (i < 16) {
            octets.push(parseInt(ipInterfaceOctets[i], 10) | parseInt(subnetMaskOctets[i], 10) ^ 255);
            i++;
          }
          return new this(octets);
        } catch (e) {
          throw new Error("ipaddr: the address does not have IPv6 CIDR format", { cause: e });
        }
      };
      ipaddr2.IPv6.isIPv6 = function(string) {
        return this.parser(string) !== null;
      };
      ipaddr2.IPv6.isValid = function(string) {
        if (typeof string === "string" && string.indexOf(":") === -1) {
          return false;
        }
        try {
          const addr = this.parser(string);
          new this(addr.parts, addr.zoneId);
          return true;
        } catch {
          return false;
        }
      };
      ipaddr2.IPv6.isValidCIDR = function(string) {
        if (typeof string === "string" && string.indexOf(":") === -1) {
          return false;
        }
        try {
          this.parseCIDR(string);
          return true;
        } catch {
          return false;
        }
      };
      ipaddr2.IPv6.networkAddressFromCIDR = function(string) {
        let cidr, i, ipInterfaceOctets, octets, subnetMaskOctets;
        try {
          cidr = this.parseCIDR(string);
          ipInterfaceOctets = cidr[0].toByteArray();
          subnetMaskOctets = this.subnetMaskFromPrefixLength(cidr[1]).toByteArray();
          octets = [];
          i = 0;
          while (i < 16) {
            octets.push(parseInt(ipInterfaceOctets[i], 10) & parseInt(subnetMaskOctets[i], 10));
            i++;
          }
          return new this(octets);
        } catch (e) {
          throw new Error("ipaddr: the address does not have IPv6 CIDR format", { cause: e });
        }
      };
      ipaddr2.IPv6.parse = function(string) {
        const addr = this.parser(string);
        if (addr === null) {
          throw new Error("ipaddr: string is not formatted like an IPv6 Address");
        }
        return new this(addr.parts, addr.zoneId);
      };
      ipaddr2.IPv6.parseCIDR = function(string) {
        let maskLength, match, parsed;
        if (match = string.match(/^(.+)\/(\d+)$/)) {
          maskLength = parseInt(match[2]);
          if (maskLength >= 0 && maskLength <= 128) {
            parsed = [this.parse(match[1]), maskLength];
            Object.defineProperty(parsed, "toString", {
              value: function() {
                return this.join("/");
              }
            });
            return parsed;
          }
        }
        throw new Error("ipaddr: string is not formatted like an IPv6 CIDR range");
      };
      ipaddr2.IPv6.parser = function(string) {
        let addr, i, match, octet, octets, zoneId;
        if (match = string.match(ipv6Regexes.deprecatedTransitional)) {
          return this.parser(`::ffff:${match[1]}`);
        }
        if (ipv6Regexes.native.test(string)) {
          return expandIPv6(string, 8);
        }
        if (match = string.match(ipv6Regexes.transitional)) {
          zoneId = match[6] || "";
          addr = match[1];
          if (!match[1].endsWith("::")) {
            addr = addr.slice(0, -1);
          }
          addr = expandIPv6(addr + zoneId, 6);
          if (addr && addr.parts) {
            octets = [
              parseInt(match[2]),
              parseInt(match[3]),
              parseInt(match[4]),
              parseInt(match[5])
            ];
            for (i = 0; i < octets.length; i++) {
              octet = octets[i];
              if (!(0 <= octet && octet <= 255)) {
                return null;
              }
            }
            addr.parts.push(octets[0] << 8 | octets[1]);
            addr.parts.push(octets[2] << 8 | octets[3]);
            return {
              parts: addr.parts,
              zoneId: addr.zoneId
            };
          }
        }
        return null;
      };
      ipaddr2.IPv6.subnetMaskFromPrefixLength = function(prefix) {
        prefix = parseInt(prefix);
        if (Number.isNaN(prefix) || prefix < 0 || prefix > 128) {
          throw new Error("ipaddr: invalid IPv6 prefix length");
        }
        const octets = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        let j = 0;
        const filledOctetCount = Math.floor(prefix / 8);
        while (j < filledOctetCount) {
          octets[j] = 255;
          j++;
        }
        if (filledOctetCount < 16) {
          octets[filledOctetCount] = Math.pow(2, prefix % 8) - 1 << 8 - prefix % 8;
        }
        return new this(octets);
      };
      ipaddr2.fromByteArray = function(bytes) {
        const length = bytes.length;
        if (length === 4) {
          return new ipaddr2.IPv4(bytes);
        } else if (length === 16) {
          return new ipaddr2.IPv6(bytes);
        } else {
          throw new Error("ipaddr: the binary input is neither an IPv6 nor IPv4 address");
        }
      };
      ipaddr2.isValid = function(string) {
        return ipaddr2.IPv6.isValid(string) || ipaddr2.IPv4.isValid(string);
      };
      ipaddr2.isValidCIDR = function(string) {
        return ipaddr2.IPv6.isValidCIDR(string) || ipaddr2.IPv4.isValidCIDR(string);
      };
      ipaddr2.parse = function(string) {
        if (ipaddr2.IPv6.isValid(string)) {
          return ipaddr2.IPv6.parse(string);
        } else if (ipaddr2.IPv4.isValid(string)) {
          return ipaddr2.IPv4.parse(string);
        } else {
          throw new Error("ipaddr: the address has neither IPv6 nor IPv4 format");
        }
      };
      ipaddr2.parseCIDR = function(string) {
        try {
          return ipaddr2.IPv6.parseCIDR(string);
        } catch {
          try {
            return ipaddr2.IPv4.parseCIDR(string);
          } catch (e) {
            throw new Error("ipaddr: the address has neither IPv6 nor IPv4 CIDR format", { cause: e });
          }
        }
      };
      ipaddr2.process = function(string) {
        const addr = this.parse(string);
        if (addr.kind() === "ipv6" && addr.isIPv4MappedAddress()) {
          return addr.toIPv4Address();
        } else {
          return addr;
        }
      };
      ipaddr2.subnetMatch = function(address, rangeList, defaultName) {
        let i, rangeName, rangeSubnets, subnet;
        if (defaultName === void 0 || defaultName === null) {
          defaultName = "unicast";
        }
        for (rangeName in rangeList) {
          if (Object.prototype.hasOwnProperty.call(rangeList, rangeName)) {
            rangeSubnets = rangeList[rangeName];
            if (rangeSubnets[0] && !(rangeSubnets[0] instanceof Array)) {
              rangeSubnets = [rangeSubnets];
            }
            for (i = 0; i < rangeSubnets.length; i++) {
              subnet = rangeSubnets[i];
              if (address.kind() === subnet[0].kind() && address.match.apply(address, subnet)) {
                return rangeName;
              }
            }
          }
        }
        return defaultName;
      };
      if (typeof module !== "undefined" && module.exports) {
        module.exports = ipaddr2;
      } else {
        root.ipaddr = ipaddr2;
      }
    })(exports);
  }
});

// node_modules/xmlchars/xml/1.0/ed5.js
var require_ed5 = __commonJS({
  "node_modules/xmlchars/xml/1.0/ed5.js"(exports) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.CHAR = "	\n\r -\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}";
    exports.S = " 	\r\n";
    exports.NAME_START_CHAR = ":A-Z_a-z\xC0-\xD6\xD8-\xF6\xF8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}";
    exports.NAME_CHAR = "-" + exports.NAME_START_CHAR + ".0-9\xB7\u0300-\u036F\u203F-\u2040";
    exports.CHAR_RE = new RegExp("^[" + exports.CHAR + "]$", "u");
    exports.S_RE = new RegExp("^[" + exports.S + "]+$", "u");
    exports.NAME_START_CHAR_RE = new RegExp("^[" + exports.NAME_START_CHAR + "]$", "u");
    exports.NAME_CHAR_RE = new RegExp("^[" + exports.NAME_CHAR + "]$", "u");
    exports.NAME_RE = new RegExp("^[" + exports.NAME_START_CHAR + "][" + exports.NAME_CHAR + "]*$", "u");
    exports.NMTOKEN_RE = new RegExp("^[" + exports.NAME_CHAR + "]+$", "u");
    var TAB = 9;
    var NL = 10;
    var CR = 13;
    var SPACE = 32;
    exports.S_LIST = [SPACE, NL, CR, TAB];
    function isChar(c) {
      return c >= SPACE && c <= 55295 || c === NL || c === CR || c === TAB || c >= 57344 && c <= 65533 || c >= 65536 && c <= 1114111;
    }
    exports.isChar = isChar;
    function isS(c) {
      return c === SPACE || c === NL || c === CR || c === TAB;
    }
    exports.isS = isS;
    function isNameStartChar(c) {
      return c >= 65 && c <= 90 || c >= 97 && c <= 122 || c === 58 || c === 95 || c === 8204 || c === 8205 || c >= 192 && c <= 214 || c >= 216 && c <= 246 || c >= 248 && c <= 767 || c >= 880 && c <= 893 || c >= 895 && c <= 8191 || c >= 8304 && c <= 8591 || c >= 11264 && c <= 12271 || c >= 12289 && c <= 55295 || c >= 63744 && c <= 64975 || c >= 65008 && c <= 65533 || c >= 65536 && c <= 983039;
    }
    exports.isNameStartChar = isNameStartChar;
    function isNameChar(c) {
      return isNameStartChar(c) || c >= 48 && c <= 57 || c === 45 || c === 46 || c === 183 || c >= 768 && c <= 879 || c >= 8255 && c <= 8256;
    }
    exports.isNameChar = isNameChar;
  }
});

// node_modules/xmlchars/xml/1.1/ed2.js
var require_ed2 = __commonJS({
  "node_modules/xmlchars/xml/1.1/ed2.js"(exports) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.CHAR = "-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}";
    exports.RESTRICTED_CHAR = "-\b\v\f-\x7F-\x84\x86-\x9F";
    exports.S = " 	\r\n";
    exports.NAME_START_CHAR = ":A-Z_a-z\xC0-\xD6\xD8-\xF6\xF8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}";
    exports.NAME_CHAR = "-" + exports.NAME_START_CHAR + ".0-9\xB7\u0300-\u036F\u203F-\u2040";
    exports.CHAR_RE = new RegExp("^[" + exports.CHAR + "]$", "u");
    exports.RESTRICTED_CHAR_RE = new RegExp("^[" + exports.RESTRICTED_CHAR + "]$", "u");
    exports.S_RE = new RegExp("^[" + exports.S + "]+$", "u");
    exports.NAME_START_CHAR_RE = new RegExp("^[" + exports.NAME_START_CHAR + "]$", "u");
    exports.NAME_CHAR_RE = new RegExp("^[" + exports.NAME_CHAR + "]$", "u");
    exports.NAME_RE = new RegExp("^[" + exports.NAME_START_CHAR + "][" + exports.NAME_CHAR + "]*$", "u");
    exports.NMTOKEN_RE = new RegExp("^[" + exports.NAME_CHAR + "]+$", "u");
    var TAB = 9;
    var NL = 10;
    var CR = 13;
    var SPACE = 32;
    exports.S_LIST = [SPACE, NL, CR, TAB];
    function isChar(c) {
      return c >= 1 && c <= 55295 || c >= 57344 && c <= 65533 || c >= 65536 && c <= 1114111;
    }
    exports.isChar = isChar;
    function isRestrictedChar(c) {
      return c >= 1 && c <= 8 || c === 11 || c === 12 || c >= 14 && c <= 31 || c >= 127 && c <= 132 || c >= 134 && c <= 159;
    }
    exports.isRestrictedChar = isRestrictedChar;
    function isCharAndNotRestricted(c) {
      return c === 9 || c === 10 || c === 13 || c > 31 && c < 127 || c === 133 || c > 159 && c <= 55295 || c >= 57344 && c <= 65533 || c >= 65536 && c <= 1114111;
    }
    exports.isCharAndNotRestricted = isCharAndNotRestricted;
    function isS(c) {
      return c === SPACE || c === NL || c === CR || c === TAB;
    }
    exports.isS = isS;
    function isNameStartChar(c) {
      return c >= 65 && c <= 90 || c >= 97 && c <= 122 || c === 58 || c === 95 || c === 8204 || c === 8205 || c >= 192 && c <= 214 || c >= 216 && c <= 246 || c >= 248 && c <= 767 || c >= 880 && c <= 893 || c >= 895 && c <= 8191 || c >= 8304 && c <= 8591 || c >= 11264 && c <= 12271 || c >= 12289 && c <= 55295 || c >= 63744 && c <= 64975 || c >= 65008 && c <= 65533 || c >= 65536 && c <= 983039;
    }
    exports.isNameStartChar = isNameStartChar;
    function isNameChar(c) {
      return isNameStartChar(c) || c >= 48 && c <= 57 || c === 45 || c === 46 || c === 183 || c >= 768 && c <= 879 || c >= 8255 && c <= 8256;
    }
    exports.isNameChar = isNameChar;
  }
});

// node_modules/xmlchars/xmlns/1.0/ed3.js
var require_ed3 = __commonJS({
  "node_modules/xmlchars/xmlns/1.0/ed3.js"(exports) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.NC_NAME_START_CHAR = "A-Z_a-z\xC0-\xD6\xD8-\xF6\xF8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}";
    exports.NC_NAME_CHAR = "-" + exports.NC_NAME_START_CHAR + ".0-9\xB7\u0300-\u036F\u203F-\u2040";
    exports.NC_NAME_START_CHAR_RE = new RegExp("^[" + exports.NC_NAME_START_CHAR + "]$", "u");
    exports.NC_NAME_CHAR_RE = new RegExp("^[" + exports.NC_NAME_CHAR + "]$", "u");
    exports.NC_NAME_RE = new RegExp("^[" + exports.NC_NAME_START_CHAR + "][" + exports.NC_NAME_CHAR + "]*$", "u");
    function isNCNameStartChar(c) {
      return c >= 65 && c <= 90 || c === 95 || c >= 97 && c <= 122 || c >= 192 && c <= 214 || c >= 216 && c <= 246 || c >= 248 && c <= 767 || c >= 880 && c <= 893 || c >= 895 && c <= 8191 || c >= 8204 && c <= 8205 || c >= 8304 && c <= 8591 || c >= 11264 && c <= 12271 || c >= 12289 && c <= 55295 || c >= 63744 && c <= 64975 || c >= 65008 && c <= 65533 || c >= 65536 && c <= 983039;
    }
    exports.isNCNameStartChar = isNCNameStartChar;
    function isNCNameChar(c) {
      return isNCNameStartChar(c) || (c === 45 || c === 46 || c >= 48 && c <= 57 || c === 183 || c >= 768 && c <= 879 || c >= 8255 && c <= 8256);
    }
    exports.isNCNameChar = isNCNameChar;
  }
});

// node_modules/saxes/saxes.js
var require_saxes = __commonJS({
  "node_modules/saxes/saxes.js"(exports) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.SaxesParser = exports.EVENTS = void 0;
    var ed5 = require_ed5();
    var ed2 = require_ed2();
    var NSed3 = require_ed3();
    var isS = ed5.isS;
    var isChar10 = ed5.isChar;
    var isNameStartChar = ed5.isNameStartChar;
    var isNameChar = ed5.isNameChar;
    var S_LIST = ed5.S_LIST;
    var NAME_RE = ed5.NAME_RE;
    var isChar11 = ed2.isChar;
    var isNCNameStartChar = NSed3.isNCNameStartChar;
    var isNCNameChar = NSed3.isNCNameChar;
    var NC_NAME_RE = NSed3.NC_NAME_RE;
    var XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";
    var XMLNS_NAMESPACE = "http://www.w3.org/2000/xmlns/";
    var rootNS = {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment
      __proto__: null,
      xml: XML_NAMESPACE,
      xmlns: XMLNS_NAMESPACE
    };
    var XML_ENTITIES = {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment
      __proto__: null,
      amp: "&",
      gt: ">",
      lt: "<",
      quot: '"',
      apos: "'"
    };
    var EOC = -1;
    var NL_LIKE = -2;
    var S_BEGIN = 0;
    var S_BEGIN_WHITESPACE = 1;
    var S_DOCTYPE = 2;
    var S_DOCTYPE_QUOTE = 3;
    var S_DTD = 4;
    var S_DTD_QUOTED = 5;
    var S_DTD_OPEN_WAKA = 6;
    var S_DTD_OPEN_WAKA_BANG = 7;
    var S_DTD_COMMENT = 8;
    var S_DTD_COMMENT_ENDING = 9;
    var S_DTD_COMMENT_ENDED = 10;
    var S_DTD_PI = 11;
    var S_DTD_PI_ENDING = 12;
    var S_TEXT = 13;
    var S_ENTITY = 14;
    var S_OPEN_WAKA = 15;
    var S_OPEN_WAKA_BANG = 16;
    var S_COMMENT = 17;
    var S_COMMENT_ENDING = 18;
    var S_COMMENT_ENDED = 19;
    var S_CDATA = 20;
    var S_CDATA_ENDING = 21;
    var S_CDATA_ENDING_2 = 22;
    var S_PI_FIRST_CHAR = 23;
    var S_PI_REST = 24;
    var S_PI_BODY = 25;
    var S_PI_ENDING = 26;
    var S_XML_DECL_NAME_START = 27;
    var S_XML_DECL_NAME = 28;
    var S_XML_DECL_EQ = 29;
    var S_XML_DECL_VALUE_START = 30;
    var S_XML_DECL_VALUE = 31;
    var S_XML_DECL_SEPARATOR = 32;
    var S_XML_DECL_ENDING = 33;
    var S_OPEN_TAG = 34;
    var S_OPEN_TAG_SLASH = 35;
    var S_ATTRIB = 36;
    var S_ATTRIB_NAME = 37;
    var S_ATTRIB_NAME_SAW_WHITE = 38;
    var S_ATTRIB_VALUE = 39;
    var S_ATTRIB_VALUE_QUOTED = 40;
    var S_ATTRIB_VALUE_CLOSED = 41;
    var S_ATTRIB_VALUE_UNQUOTED = 42;
    var S_CLOSE_TAG = 43;
    var S_CLOSE_TAG_SAW_WHITE = 44;
    var TAB = 9;
    var NL = 10;
    var CR = 13;
    var SPACE = 32;
    var BANG = 33;
    var DQUOTE = 34;
    var AMP = 38;
    var SQUOTE = 39;
    var MINUS = 45;
    var FORWARD_SLASH = 47;
    var SEMICOLON = 59;
    var LESS = 60;
    var EQUAL = 61;
    var GREATER = 62;
    var QUESTION = 63;
    var OPEN_BRACKET = 91;
    var CLOSE_BRACKET = 93;
    var NEL = 133;
    var LS = 8232;
    var isQuote = (c) => c === DQUOTE || c === SQUOTE;
    var QUOTES = [DQUOTE, SQUOTE];
    var DOCTYPE_TERMINATOR = [...QUOTES, OPEN_BRACKET, GREATER];
    var DTD_TERMINATOR = [...QUOTES, LESS, CLOSE_BRACKET];
    var XML_DECL_NAME_TERMINATOR = [EQUAL, QUESTION, ...S_LIST];
    var ATTRIB_VALUE_UNQUOTED_TERMINATOR = [...S_LIST, GREATER, AMP, LESS];
    function nsPairCheck(parser, prefix, uri) {
      switch (prefix) {
        case "xml":
          if (uri !== XML_NAMESPACE) {
            parser.fail(`xml prefix must be bound to ${XML_NAMESPACE}.`);
          }
          break;
        case "xmlns":
          if (uri !== XMLNS_NAMESPACE) {
            parser.fail(`xmlns prefix must be bound to ${XMLNS_NAMESPACE}.`);
          }
          break;
        default:
      }
      switch (uri) {
        case XMLNS_NAMESPACE:
          parser.fail(prefix === "" ? `the default namespace may not be set to ${uri}.` : `may not assign a prefix (even "xmlns") to the URI ${XMLNS_NAMESPACE}.`);
          break;
        case XML_NAMESPACE:
          switch (prefix) {
            case "xml":
              break;
            case "":
              parser.fail(`the default namespace may not be set to ${uri}.`);
              break;
            default:
              parser.fail("may not assign the xml namespace to another prefix.");
          }
          break;
        default:
      }
    }
    function nsMappingCheck(parser, mapping) {
      for (const local of Object.keys(mapping)) {
        nsPairCheck(parser, local, mapping[local]);
      }
    }
    var isNCName = (name) => NC_NAME_RE.test(name);
    var isName = (name) => NAME_RE.test(name);
    var FORBIDDEN_START = 0;
    var FORBIDDEN_BRACKET = 1;
    var FORBIDDEN_BRACKET_BRACKET = 2;
    exports.EVENTS = [
      "xmldecl",
      "text",
      "processinginstruction",
      "doctype",
      "comment",
      "opentagstart",
      "attribute",
      "opentag",
      "closetag",
      "cdata",
      "error",
      "end",
      "ready"
    ];
    var EVENT_NAME_TO_HANDLER_NAME = {
      xmldecl: "xmldeclHandler",
      text: "textHandler",
      processinginstruction: "piHandler",
      doctype: "doctypeHandler",
      comment: "commentHandler",
      opentagstart: "openTagStartHandler",
      attribute: "attributeHandler",
      opentag: "openTagHandler",
      closetag: "closeTagHandler",
      cdata: "cdataHandler",
      error: "errorHandler",
      end: "endHandler",
      ready: "readyHandler"
    };
    var SaxesParser2 = class {
      /**
       * @param opt The parser options.
       */
      constructor(opt) {
        this.opt = opt !== null && opt !== void 0 ? opt : {};
        this.fragmentOpt = !!this.opt.fragment;
        const xmlnsOpt = this.xmlnsOpt = !!this.opt.xmlns;
        this.trackPosition = this.opt.position !== false;
        this.fileName = this.opt.fileName;
        if (xmlnsOpt) {
          this.nameStartCheck = isNCNameStartChar;
          this.nameCheck = isNCNameChar;
          this.isName = isNCName;
          this.processAttribs = this.processAttribsNS;
          this.pushAttrib = this.pushAttribNS;
          this.ns = Object.assign({ __proto__: null }, rootNS);
          const additional = this.opt.additionalNamespaces;
          if (additional != null) {
            nsMappingCheck(this, additional);
            Object.assign(this.ns, additional);
          }
        } else {
          this.nameStartCheck = isNameStartChar;
          this.nameCheck = isNameChar;
          this.isName = isName;
          this.processAttribs = this.processAttribsPlain;
          this.pushAttrib = this.pushAttribPlain;
        }
        this.stateTable = [
          /* eslint-disable @typescript-eslint/unbound-method */
          this.sBegin,
          this.sBeginWhitespace,
          this.sDoctype,
          this.sDoctypeQuote,
          this.sDTD,
          this.sDTDQuoted,
          this.sDTDOpenWaka,
          this.sDTDOpenWakaBang,
          this.sDTDComment,
          this.sDTDCommentEnding,
          this.sDTDCommentEnded,
          this.sDTDPI,
          this.sDTDPIEnding,
          this.sText,
          this.sEntity,
          this.sOpenWaka,
          this.sOpenWakaBang,
          this.sComment,
          this.sCommentEnding,
          this.sCommentEnded,
          this.sCData,
          this.sCDataEnding,
          this.sCDataEnding2,
          this.sPIFirstChar,
          this.sPIRest,
          this.sPIBody,
          this.sPIEnding,
          this.sXMLDeclNameStart,
          this.sXMLDeclName,
          this.sXMLDeclEq,
          this.sXMLDeclValueStart,
          this.sXMLDeclValue,
          this.sXMLDeclSeparator,
          this.sXMLDeclEnding,
          this.sOpenTag,
          this.sOpenTagSlash,
          this.sAttrib,
          this.sAttribName,
          this.sAttribNameSawWhite,
          this.sAttribValue,
          this.sAttribValueQuoted,
          this.sAttribValueClosed,
          this.sAttribValueUnquoted,
          this.sCloseTag,
          this.sCloseTagSawWhite
          /* eslint-enable @typescript-eslint/unbound-method */
        ];
        this._init();
      }
      /**
       * Indicates whether or not the parser is closed. If ``true``, wait for
       * the ``ready`` event to write again.
       */
      get closed() {
        return this._closed;
      }
      _init() {
        var _a;
        this.openWakaBang = "";
        this.text = "";
        this.name = "";
        this.piTarget = "";
        this.entity = "";
        this.q = null;
        this.tags = [];
        this.tag = null;
        this.topNS = null;
        this.chunk = "";
        this.chunkPosition = 0;
        this.i = 0;
        this.prevI = 0;
        this.carriedFromPrevious = void 0;
        this.forbiddenState = FORBIDDEN_START;
        this.attribList = [];
        const { fragmentOpt } = this;
        this.state = fragmentOpt ? S_TEXT : S_BEGIN;
        this.reportedTextBeforeRoot = this.reportedTextAfterRoot = this.closedRoot = this.sawRoot = fragmentOpt;
        this.xmlDeclPossible = !fragmentOpt;
        this.xmlDeclExpects = ["version"];
        this.entityReturnState = void 0;
        let { defaultXMLVersion } = this.opt;
        if (defaultXMLVersion === void 0) {
          if (this.opt.forceXMLVersion === true) {
            throw new Error("forceXMLVersion set but defaultXMLVersion is not set");
          }
          defaultXMLVersion = "1.0";
        }
        this.setXMLVersion(defaultXMLVersion);
        this.positionAtNewLine = 0;
        this.doctype = false;
        this._closed = false;
        this.xmlDecl = {
          version: void 0,
          encoding: void 0,
          standalone: void 0
        };
        this.line = 1;
        this.column = 0;
        this.ENTITIES = Object.create(XML_ENTITIES);
        (_a = this.readyHandler) === null || _a === void 0 ? void 0 : _a.call(this);
      }
      /**
       * The stream position the parser is currently looking at. This field is
       * zero-based.
       *
       * This field is not based on counting Unicode characters but is to be
       * interpreted as a plain index into a JavaScript string.
       */
      get position() {
        return this.chunkPosition + this.i;
      }
      /**
       * The column number of the next character to be read by the parser.  *
       * This field is zero-based. (The first column in a line is 0.)
       *
       * This field reports the index at which the next character would be in the
       * line if the line were represented as a JavaScript string.  Note that this
       * *can* be different to a count based on the number of *Unicode characters*
       * due to how JavaScript handles astral plane characters.
       *
       * See [[column]] for a number that corresponds to a count of Unicode
       * characters.
       */
      get columnIndex() {
        return this.position - this.positionAtNewLine;
      }
      /**
       * Set an event listener on an event. The parser supports one handler per
       * event type. If you try to set an event handler over an existing handler,
       * the old handler is silently overwritten.
       *
       * @param name The event to listen to.
       *
       * @param handler The handler to set.
       */
      on(name, handler) {
        this[EVENT_NAME_TO_HANDLER_NAME[name]] = handler;
      }
      /**
       * Unset an event handler.
       *
       * @parma name The event to stop listening to.
       */
      off(name) {
        this[EVENT_NAME_TO_HANDLER_NAME[name]] = void 0;
      }
      /**
       * Make an error object. The error object will have a message that contains
       * the ``fileName`` option passed at the creation of the parser. If position
       * tracking was turned on, it will also have line and column number
       * information.
       *
       * @param message The message describing the error to report.
       *
       * @returns An error object with a properly formatted message.
       */
      makeError(message) {
        var _a;
        let msg = (_a = this.fileName) !== null && _a !== void 0 ? _a : "";
        if (this.trackPosition) {
          if (msg.length > 0) {
            msg += ":";
          }
          msg += `${this.line}:${this.column}`;
        }
        if (msg.length > 0) {
          msg += ": ";
        }
        return new Error(msg + message);
      }
      /**
       * Report a parsing error. This method is made public so that client code may
       * check for issues that are outside the scope of this project and can report
       * errors.
       *
       * @param message The error to report.
       *
       * @returns this
       */
      fail(message) {
        const err = this.makeError(message);
        const handler = this.errorHandler;
        if (handler === void 0) {
          throw err;
        } else {
          handler(err);
        }
        return this;
      }
      /**
       * Write a XML data to the parser.
       *
       * @param chunk The XML data to write.
       *
       * @returns this
       */
      // We do need object for the type here. Yes, it often causes problems
      // but not in this case.
      write(chunk) {
        if (this.closed) {
          return this.fail("cannot write after close; assign an onready handler.");
        }
        let end = false;
        if (chunk === null) {
          end = true;
          chunk = "";
        } else if (typeof chunk === "object") {
          chunk = chunk.toString();
        }
        if (this.carriedFromPrevious !== void 0) {
          chunk = `${this.carriedFromPrevious}${chunk}`;
          this.carriedFromPrevious = void 0;
        }
        let limit = chunk.length;
        const lastCode = chunk.charCodeAt(limit - 1);
        if (!end && // A trailing CR or surrogate must be carried over to the next
        // chunk.
        (lastCode === CR || lastCode >= 55296 && lastCode <= 56319)) {
          this.carriedFromPrevious = chunk[limit - 1];
          limit--;
          chunk = chunk.slice(0, limit);
        }
        const { stateTable } = this;
        this.chunk = chunk;
        this.i = 0;
        while (this.i < limit) {
          stateTable[this.state].call(this);
        }
        this.chunkPosition += limit;
        return end ? this.end() : this;
      }
      /**
       * Close the current stream. Perform final well-formedness checks and reset
       * the parser tstate.
       *
       * @returns this
       */
      close() {
        return this.write(null);
      }
      /**
       * Get a single code point out of the current chunk. This updates the current
       * position if we do position tracking.
       *
       * This is the algorithm to use for XML 1.0.
       *
       * @returns The character read.
       */
      getCode10() {
        const { chunk, i } = this;
        this.prevI = i;
        this.i = i + 1;
        if (i >= chunk.length) {
          return EOC;
        }
        const code = chunk.charCodeAt(i);
        this.column++;
        if (code < 55296) {
          if (code >= SPACE || code === TAB) {
            return code;
          }
          switch (code) {
            case NL:
              this.line++;
              this.column = 0;
              this.positionAtNewLine = this.position;
              return NL;
            case CR:
              if (chunk.charCodeAt(i + 1) === NL) {
                this.i = i + 2;
              }
              this.line++;
              this.column = 0;
              this.positionAtNewLine = this.position;
              return NL_LIKE;
            default:
              this.fail("disallowed character.");
              return code;
          }
        }
        if (code > 56319) {
          if (!(code >= 57344 && code <= 65533)) {
            this.fail("disallowed character.");
          }
          return code;
        }
        const final = 65536 + (code - 55296) * 1024 + (chunk.charCodeAt(i + 1) - 56320);
        this.i = i + 2;
        if (final > 1114111) {
          this.fail("disallowed character.");
        }
        return final;
      }
      /**
       * Get a single code point out of the current chunk. This updates the current
       * position if we do position tracking.
       *
       * This is the algorithm to use for XML 1.1.
       *
       * @returns {number} The character read.
       */
      getCode11() {
        const { chunk, i } = this;
        this.prevI = i;
        this.i = i + 1;
        if (i >= chunk.length) {
          return EOC;
        }
        const code = chunk.charCodeAt(i);
        this.column++;
        if (code < 55296) {
          if (code > 31 && code < 127 || code > 159 && code !== LS || code === TAB) {
            return code;
          }
          switch (code) {
            case NL:
              this.line++;
              this.column = 0;
              this.positionAtNewLine = this.position;
              return NL;
            case CR: {
              const next = chunk.charCodeAt(i + 1);
              if (next === NL || next === NEL) {
                this.i = i + 2;
              }
            }
            /* yes, fall through */
            case NEL:
            // 0x85
            case LS:
              this.line++;
              this.column = 0;
              this.positionAtNewLine = this.position;
              return NL_LIKE;
            default:
              this.fail("disallowed character.");
              return code;
          }
        }
        if (code > 56319) {
          if (!(code >= 57344 && code <= 65533)) {
            this.fail("disallowed character.");
          }
          return code;
        }
        const final = 65536 + (code - 55296) * 1024 + (chunk.charCodeAt(i + 1) - 56320);
        this.i = i + 2;
        if (final > 1114111) {
          this.fail("disallowed character.");
        }
        return final;
      }
      /**
       * Like ``getCode`` but with the return value normalized so that ``NL`` is
       * returned for ``NL_LIKE``.
       */
      getCodeNorm() {
        const c = this.getCode();
        return c === NL_LIKE ? NL : c;
      }
      unget() {
        this.i = this.prevI;
        this.column--;
      }
      /**
       * Capture characters into a buffer until encountering one of a set of
       * characters.
       *
       * @param chars An array of codepoints. Encountering a character in the array
       * ends the capture. (``chars`` may safely contain ``NL``.)
       *
       * @return The character code that made the capture end, or ``EOC`` if we hit
       * the end of the chunk. The return value cannot be NL_LIKE: NL is returned
       * instead.
       */
      captureTo(chars) {
        let { i: start } = this;
        const { chunk } = this;
        while (true) {
          const c = this.getCode();
          const isNLLike = c === NL_LIKE;
          const final = isNLLike ? NL : c;
          if (final === EOC || chars.includes(final)) {
            this.text += chunk.slice(start, this.prevI);
            return final;
          }
          if (isNLLike) {
            this.text += `${chunk.slice(start, this.prevI)}
`;
            start = this.i;
          }
        }
      }
      /**
       * Capture characters into a buffer until encountering a character.
       *
       * @param char The codepoint that ends the capture. **NOTE ``char`` MAY NOT
       * CONTAIN ``NL``.** Passing ``NL`` will result in buggy behavior.
       *
       * @return ``true`` if we ran into the character. Otherwise, we ran into the
       * end of the current chunk.
       */
      captureToChar(char) {
        let { i: start } = this;
        const { chunk } = this;
        while (true) {
          let c = this.getCode();
          switch (c) {
            case NL_LIKE:
              this.text += `${chunk.slice(start, this.prevI)}
`;
              start = this.i;
              c = NL;
              break;
            case EOC:
              this.text += chunk.slice(start);
              return false;
            default:
          }
          if (c === char) {
            this.text += chunk.slice(start, this.prevI);
            return true;
          }
        }
      }
      /**
       * Capture characters that satisfy ``isNameChar`` into the ``name`` field of
       * this parser.
       *
       * @return The character code that made the test fail, or ``EOC`` if we hit
       * the end of the chunk. The return value cannot be NL_LIKE: NL is returned
       * instead.
       */
      captureNameChars() {
        const { chunk, i: start } = this;
        while (true) {
          const c = this.getCode();
          if (c === EOC) {
            this.name += chunk.slice(start);
            return EOC;
          }
          if (!isNameChar(c)) {
            this.name += chunk.slice(start, this.prevI);
            return c === NL_LIKE ? NL : c;
          }
        }
      }
      /**
       * Skip white spaces.
       *
       * @return The character that ended the skip, or ``EOC`` if we hit
       * the end of the chunk. The return value cannot be NL_LIKE: NL is returned
       * instead.
       */
      skipSpaces() {
        while (true) {
          const c = this.getCodeNorm();
          if (c === EOC || !isS(c)) {
            return c;
          }
        }
      }
      setXMLVersion(version) {
        this.currentXMLVersion = version;
        if (version === "1.0") {
          this.isChar = isChar10;
          this.getCode = this.getCode10;
        } else {
          this.isChar = isChar11;
          this.getCode = this.getCode11;
        }
      }
      // STATE ENGINE METHODS
      // This needs to be a state separate from S_BEGIN_WHITESPACE because we want
      // to be sure never to come back to this state later.
      sBegin() {
        if (this.chunk.charCodeAt(0) === 65279) {
          this.i++;
          this.column++;
        }
        this.state = S_BEGIN_WHITESPACE;
      }
      sBeginWhitespace() {
        const iBefore = this.i;
        const c = this.skipSpaces();
        if (this.prevI !== iBefore) {
          this.xmlDeclPossible = false;
        }
        switch (c) {
          case LESS:
            this.state = S_OPEN_WAKA;
            if (this.text.length !== 0) {
              throw new Error("no-empty text at start");
            }
            break;
          case EOC:
            break;
          default:
            this.unget();
            this.state = S_TEXT;
            this.xmlDeclPossible = false;
        }
      }
      sDoctype() {
        var _a;
        const c = this.captureTo(DOCTYPE_TERMINATOR);
        switch (c) {
          case GREATER: {
            (_a = this.doctypeHandler) === null || _a === void 0 ? void 0 : _a.call(this, this.text);
            this.text = "";
            this.state = S_TEXT;
            this.doctype = true;
            break;
          }
          case EOC:
            break;
          default:
            this.text += String.fromCodePoint(c);
            if (c === OPEN_BRACKET) {
              this.state = S_DTD;
            } else if (isQuote(c)) {
              this.state = S_DOCTYPE_QUOTE;
              this.q = c;
            }
        }
      }
      sDoctypeQuote() {
        const q = this.q;
        if (this.captureToChar(q)) {
          this.text += String.fromCodePoint(q);
          this.q = null;
          this.state = S_DOCTYPE;
        }
      }
      sDTD() {
        const c = this.captureTo(DTD_TERMINATOR);
        if (c === EOC) {
          return;
        }
        this.text += String.fromCodePoint(c);
        if (c === CLOSE_BRACKET) {
          this.state = S_DOCTYPE;
        } else if (c === LESS) {
          this.state = S_DTD_OPEN_WAKA;
        } else if (isQuote(c)) {
          this.state = S_DTD_QUOTED;
          this.q = c;
        }
      }
      sDTDQuoted() {
        const q = this.q;
        if (this.captureToChar(q)) {
          this.text += String.fromCodePoint(q);
          this.state = S_DTD;
          this.q = null;
        }
      }
      sDTDOpenWaka() {
        const c = this.getCodeNorm();
        this.text += String.fromCodePoint(c);
        switch (c) {
          case BANG:
            this.state = S_DTD_OPEN_WAKA_BANG;
            this.openWakaBang = "";
            break;
          case QUESTION:
            this.state = S_DTD_PI;
            break;
          default:
            this.state = S_DTD;
        }
      }
      sDTDOpenWakaBang() {
        const char = String.fromCodePoint(this.getCodeNorm());
        const owb = this.openWakaBang += char;
        this.text += char;
        if (owb !== "-") {
          this.state = owb === "--" ? S_DTD_COMMENT : S_DTD;
          this.openWakaBang = "";
        }
      }
      sDTDComment() {
        if (this.captureToChar(MINUS)) {
          this.text += "-";
          this.state = S_DTD_COMMENT_ENDING;
        }
      }
      sDTDCommentEnding() {
        const c = this.getCodeNorm();
        this.text += String.fromCodePoint(c);
        this.state = c === MINUS ? S_DTD_COMMENT_ENDED : S_DTD_COMMENT;
      }
      sDTDCommentEnded() {
        const c = this.getCodeNorm();
        this.text += String.fromCodePoint(c);
        if (c === GREATER) {
          this.state = S_DTD;
        } else {
          this.fail("malformed comment.");
          this.state = S_DTD_COMMENT;
        }
      }
      sDTDPI() {
        if (this.captureToChar(QUESTION)) {
          this.text += "?";
          this.state = S_DTD_PI_ENDING;
        }
      }
      sDTDPIEnding() {
        const c = this.getCodeNorm();
        this.text += String.fromCodePoint(c);
        if (c === GREATER) {
          this.state = S_DTD;
        }
      }
      sText() {
        if (this.tags.length !== 0) {
          this.handleTextInRoot();
        } else {
          this.handleTextOutsideRoot();
        }
      }
      sEntity() {
        let { i: start } = this;
        const { chunk } = this;
        loop:
          while (true) {
            switch (this.getCode()) {
              case NL_LIKE:
                this.entity += `${chunk.slice(start, this.prevI)}
`;
                start = this.i;
                break;
              case SEMICOLON: {
                const { entityReturnState } = this;
                const entity = this.entity + chunk.slice(start, this.prevI);
                this.state = entityReturnState;
                let parsed;
                if (entity === "") {
                  this.fail("empty entity name.");
                  parsed = "&;";
                } else {
                  parsed = this.parseEntity(entity);
                  this.entity = "";
                }
                if (entityReturnState !== S_TEXT || this.textHandler !== void 0) {
                  this.text += parsed;
                }
                break loop;
              }
              case EOC:
                this.entity += chunk.slice(start);
                break loop;
              default:
            }
          }
      }
      sOpenWaka() {
        const c = this.getCode();
        if (isNameStartChar(c)) {
          this.state = S_OPEN_TAG;
          this.unget();
          this.xmlDeclPossible = false;
        } else {
          switch (c) {
            case FORWARD_SLASH:
              this.state = S_CLOSE_TAG;
              this.xmlDeclPossible = false;
              break;
            case BANG:
              this.state = S_OPEN_WAKA_BANG;
              this.openWakaBang = "";
              this.xmlDeclPossible = false;
              break;
            case QUESTION:
              this.state = S_PI_FIRST_CHAR;
              break;
            default:
              this.fail("disallowed character in tag name");
              this.state = S_TEXT;
              this.xmlDeclPossible = false;
          }
        }
      }
      sOpenWakaBang() {
        this.openWakaBang += String.fromCodePoint(this.getCodeNorm());
        switch (this.openWakaBang) {
          case "[CDATA[":
            if (!this.sawRoot && !this.reportedTextBeforeRoot) {
              this.fail("text data outside of root node.");
              this.reportedTextBeforeRoot = true;
            }
            if (this.closedRoot && !this.reportedTextAfterRoot) {
              this.fail("text data outside of root node.");
              this.reportedTextAfterRoot = true;
            }
            this.state = S_CDATA;
            this.openWakaBang = "";
            break;
          case "--":
            this.state = S_COMMENT;
            this.openWakaBang = "";
            break;
          case "DOCTYPE":
            this.state = S_DOCTYPE;
            if (this.doctype || this.sawRoot) {
              this.fail("inappropriately located doctype declaration.");
            }
            this.openWakaBang = "";
            break;
          default:
            if (this.openWakaBang.length >= 7) {
              this.fail("incorrect syntax.");
            }
        }
      }
      sComment() {
        if (this.captureToChar(MINUS)) {
          this.state = S_COMMENT_ENDING;
        }
      }
      sCommentEnding() {
        var _a;
        const c = this.getCodeNorm();
        if (c === MINUS) {
          this.state = S_COMMENT_ENDED;
          (_a = this.commentHandler) === null || _a === void 0 ? void 0 : _a.call(this, this.text);
          this.text = "";
        } else {
          this.text += `-${String.fromCodePoint(c)}`;
          this.state = S_COMMENT;
        }
      }
      sCommentEnded() {
        const c = this.getCodeNorm();
        if (c !== GREATER) {
          this.fail("malformed comment.");
          this.text += `--${String.fromCodePoint(c)}`;
          this.state = S_COMMENT;
        } else {
          this.state = S_TEXT;
        }
      }
      sCData() {
        if (this.captureToChar(CLOSE_BRACKET)) {
          this.state = S_CDATA_ENDING;
        }
      }
      sCDataEnding() {
        const c = this.getCodeNorm();
        if (c === CLOSE_BRACKET) {
          this.state = S_CDATA_ENDING_2;
        } else {
          this.text += `]${String.fromCodePoint(c)}`;
          this.state = S_CDATA;
        }
      }
      sCDataEnding2() {
        var _a;
        const c = this.getCodeNorm();
        switch (c) {
          case GREATER: {
            (_a = this.cdataHandler) === null || _a === void 0 ? void 0 : _a.call(this, this.text);
            this.text = "";
            this.state = S_TEXT;
            break;
          }
          case CLOSE_BRACKET:
            this.text += "]";
            break;
          default:
            this.text += `]]${String.fromCodePoint(c)}`;
            this.state = S_CDATA;
        }
      }
      // We need this separate state to check the first character fo the pi target
      // with this.nameStartCheck which allows less characters than this.nameCheck.
      sPIFirstChar() {
        const c = this.getCodeNorm();
        if (this.nameStartCheck(c)) {
          this.piTarget += String.fromCodePoint(c);
          this.state = S_PI_REST;
        } else if (c === QUESTION || isS(c)) {
          this.fail("processing instruction without a target.");
          this.state = c === QUESTION ? S_PI_ENDING : S_PI_BODY;
        } else {
          this.fail("disallowed character in processing instruction name.");
          this.piTarget += String.fromCodePoint(c);
          this.state = S_PI_REST;
        }
      }
      sPIRest() {
        const { chunk, i: start } = this;
        while (true) {
          const c = this.getCodeNorm();
          if (c === EOC) {
            this.piTarget += chunk.slice(start);
            return;
          }
          if (!this.nameCheck(c)) {
            this.piTarget += chunk.slice(start, this.prevI);
            const isQuestion = c === QUESTION;
            if (isQuestion || isS(c)) {
              if (this.piTarget === "xml") {
                if (!this.xmlDeclPossible) {
                  this.fail("an XML declaration must be at the start of the document.");
                }
                this.state = isQuestion ? S_XML_DECL_ENDING : S_XML_DECL_NAME_START;
              } else {
                this.state = isQuestion ? S_PI_ENDING : S_PI_BODY;
              }
            } else {
              this.fail("disallowed character in processing instruction name.");
              this.piTarget += String.fromCodePoint(c);
            }
            break;
          }
        }
      }
      sPIBody() {
        if (this.text.length === 0) {
          const c = this.getCodeNorm();
          if (c === QUESTION) {
            this.state = S_PI_ENDING;
          } else if (!isS(c)) {
            this.text = String.fromCodePoint(c);
          }
        } else if (this.captureToChar(QUESTION)) {
          this.state = S_PI_ENDING;
        }
      }
      sPIEnding() {
        var _a;
        const c = this.getCodeNorm();
        if (c === GREATER) {
          const { piTarget } = this;
          if (piTarget.toLowerCase() === "xml") {
            this.fail("the XML declaration must appear at the start of the document.");
          }
          (_a = this.piHandler) === null || _a === void 0 ? void 0 : _a.call(this, {
            target: piTarget,
            body: this.text
          });
          this.piTarget = this.text = "";
          this.state = S_TEXT;
        } else if (c === QUESTION) {
          this.text += "?";
        } else {
          this.text += `?${String.fromCodePoint(c)}`;
          this.state = S_PI_BODY;
        }
        this.xmlDeclPossible = false;
      }
      sXMLDeclNameStart() {
        const c = this.skipSpaces();
        if (c === QUESTION) {
          this.state = S_XML_DECL_ENDING;
          return;
        }
        if (c !== EOC) {
          this.state = S_XML_DECL_NAME;
          this.name = String.fromCodePoint(c);
        }
      }
      sXMLDeclName() {
        const c = this.captureTo(XML_DECL_NAME_TERMINATOR);
        if (c === QUESTION) {
          this.state = S_XML_DECL_ENDING;
          this.name += this.text;
          this.text = "";
          this.fail("XML declaration is incomplete.");
          return;
        }
        if (!(isS(c) || c === EQUAL)) {
          return;
        }
        this.name += this.text;
        this.text = "";
        if (!this.xmlDeclExpects.includes(this.name)) {
          switch (this.name.length) {
            case 0:
              this.fail("did not expect any more name/value pairs.");
              break;
            case 1:
              this.fail(`expected the name ${this.xmlDeclExpects[0]}.`);
              break;
            default:
              this.fail(`expected one of ${this.xmlDeclExpects.join(", ")}`);
          }
        }
        this.state = c === EQUAL ? S_XML_DECL_VALUE_START : S_XML_DECL_EQ;
      }
      sXMLDeclEq() {
        const c = this.getCodeNorm();
        if (c === QUESTION) {
          this.state = S_XML_DECL_ENDING;
          this.fail("XML declaration is incomplete.");
          return;
        }
        if (isS(c)) {
          return;
        }
        if (c !== EQUAL) {
          this.fail("value required.");
        }
        this.state = S_XML_DECL_VALUE_START;
      }
      sXMLDeclValueStart() {
        const c = this.getCodeNorm();
        if (c === QUESTION) {
          this.state = S_XML_DECL_ENDING;
          this.fail("XML declaration is incomplete.");
          return;
        }
        if (isS(c)) {
          return;
        }
        if (!isQuote(c)) {
          this.fail("value must be quoted.");
          this.q = SPACE;
        } else {
          this.q = c;
        }
        this.state = S_XML_DECL_VALUE;
      }
      sXMLDeclValue() {
        const c = this.captureTo([this.q, QUESTION]);
        if (c === QUESTION) {
          this.state = S_XML_DECL_ENDING;
          this.text = "";
          this.fail("XML declaration is incomplete.");
          return;
        }
        if (c === EOC) {
          return;
        }
        const value = this.text;
        this.text = "";
        switch (this.name) {
          case "version": {
            this.xmlDeclExpects = ["encoding", "standalone"];
            const version = value;
            this.xmlDecl.version = version;
            if (!/^1\.[0-9]+$/.test(version)) {
              this.fail("version number must match /^1\\.[0-9]+$/.");
            } else if (!this.opt.forceXMLVersion) {
              this.setXMLVersion(version);
            }
            break;
          }
          case "encoding":
            if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(value)) {
              this.fail("encoding value must match /^[A-Za-z0-9][A-Za-z0-9._-]*$/.");
            }
            this.xmlDeclExpects = ["standalone"];
            this.xmlDecl.encoding = value;
            break;
          case "standalone":
            if (value !== "yes" && value !== "no") {
              this.fail('standalone value must match "yes" or "no".');
            }
            this.xmlDeclExpects = [];
            this.xmlDecl.standalone = value;
            break;
          default:
        }
        this.name = "";
        this.state = S_XML_DECL_SEPARATOR;
      }
      sXMLDeclSeparator() {
        const c = this.getCodeNorm();
        if (c === QUESTION) {
          this.state = S_XML_DECL_ENDING;
          return;
        }
        if (!isS(c)) {
          this.fail("whitespace required.");
          this.unget();
        }
        this.state = S_XML_DECL_NAME_START;
      }
      sXMLDeclEnding() {
        var _a;
        const c = this.getCodeNorm();
        if (c === GREATER) {
          if (this.piTarget !== "xml") {
            this.fail("processing instructions are not allowed before root.");
          } else if (this.name !== "version" && this.xmlDeclExpects.includes("version")) {
            this.fail("XML declaration must contain a version.");
          }
          (_a = this.xmldeclHandler) === null || _a === void 0 ? void 0 : _a.call(this, this.xmlDecl);
          this.name = "";
          this.piTarget = this.text = "";
          this.state = S_TEXT;
        } else {
          this.fail("The character ? is disallowed anywhere in XML declarations.");
        }
        this.xmlDeclPossible = false;
      }
      sOpenTag() {
        var _a;
        const c = this.captureNameChars();
        if (c === EOC) {
          return;
        }
        const tag = this.tag = {
          name: this.name,
          attributes: /* @__PURE__ */ Object.create(null)
        };
        this.name = "";
        if (this.xmlnsOpt) {
          this.topNS = tag.ns = /* @__PURE__ */ Object.create(null);
        }
        (_a = this.openTagStartHandler) === null || _a === void 0 ? void 0 : _a.call(this, tag);
        this.sawRoot = true;
        if (!this.fragmentOpt && this.closedRoot) {
          this.fail("documents may contain only one root.");
        }
        switch (c) {
          case GREATER:
            this.openTag();
            break;
          case FORWARD_SLASH:
            this.state = S_OPEN_TAG_SLASH;
            break;
          default:
            if (!isS(c)) {
              this.fail("disallowed character in tag name.");
            }
            this.state = S_ATTRIB;
        }
      }
      sOpenTagSlash() {
        if (this.getCode() === GREATER) {
          this.openSelfClosingTag();
        } else {
          this.fail("forward-slash in opening tag not followed by >.");
          this.state = S_ATTRIB;
        }
      }
      sAttrib() {
        const c = this.skipSpaces();
        if (c === EOC) {
          return;
        }
        if (isNameStartChar(c)) {
          this.unget();
          this.state = S_ATTRIB_NAME;
        } else if (c === GREATER) {
          this.openTag();
        } else if (c === FORWARD_SLASH) {
          this.state = S_OPEN_TAG_SLASH;
        } else {
          this.fail("disallowed character in attribute name.");
        }
      }
      sAttribName() {
        const c = this.captureNameChars();
        if (c === EQUAL) {
          this.state = S_ATTRIB_VALUE;
        } else if (isS(c)) {
          this.state = S_ATTRIB_NAME_SAW_WHITE;
        } else if (c === GREATER) {
          this.fail("attribute without value.");
          this.pushAttrib(this.name, this.name);
          this.name = this.text = "";
          this.openTag();
        } else if (c !== EOC) {
          this.fail("disallowed character in attribute name.");
        }
      }
      sAttribNameSawWhite() {
        const c = this.skipSpaces();
        switch (c) {
          case EOC:
            return;
          case EQUAL:
            this.state = S_ATTRIB_VALUE;
            break;
          default:
            this.fail("attribute without value.");
            this.text = "";
            this.name = "";
            if (c === GREATER) {
              this.openTag();
            } else if (isNameStartChar(c)) {
              this.unget();
              this.state = S_ATTRIB_NAME;
            } else {
              this.fail("disallowed character in attribute name.");
              this.state = S_ATTRIB;
            }
        }
      }
      sAttribValue() {
        const c = this.getCodeNorm();
        if (isQuote(c)) {
          this.q = c;
          this.state = S_ATTRIB_VALUE_QUOTED;
        } else if (!isS(c)) {
          this.fail("unquoted attribute value.");
          this.state = S_ATTRIB_VALUE_UNQUOTED;
          this.unget();
        }
      }
      sAttribValueQuoted() {
        const { q, chunk } = this;
        let { i: start } = this;
        while (true) {
          switch (this.getCode()) {
            case q:
              this.pushAttrib(this.name, this.text + chunk.slice(start, this.prevI));
              this.name = this.text = "";
              this.q = null;
              this.state = S_ATTRIB_VALUE_CLOSED;
              return;
            case AMP:
              this.text += chunk.slice(start, this.prevI);
              this.state = S_ENTITY;
              this.entityReturnState = S_ATTRIB_VALUE_QUOTED;
              return;
            case NL:
            case NL_LIKE:
            case TAB:
              this.text += `${chunk.slice(start, this.prevI)} `;
              start = this.i;
              break;
            case LESS:
              this.text += chunk.slice(start, this.prevI);
              this.fail("disallowed character.");
              return;
            case EOC:
              this.text += chunk.slice(start);
              return;
            default:
          }
        }
      }
      sAttribValueClosed() {
        const c = this.getCodeNorm();
        if (isS(c)) {
          this.state = S_ATTRIB;
        } else if (c === GREATER) {
          this.openTag();
        } else if (c === FORWARD_SLASH) {
          this.state = S_OPEN_TAG_SLASH;
        } else if (isNameStartChar(c)) {
          this.fail("no whitespace between attributes.");
          this.unget();
          this.state = S_ATTRIB_NAME;
        } else {
          this.fail("disallowed character in attribute name.");
        }
      }
      sAttribValueUnquoted() {
        const c = this.captureTo(ATTRIB_VALUE_UNQUOTED_TERMINATOR);
        switch (c) {
          case AMP:
            this.state = S_ENTITY;
            this.entityReturnState = S_ATTRIB_VALUE_UNQUOTED;
            break;
          case LESS:
            this.fail("disallowed character.");
            break;
          case EOC:
            break;
          default:
            if (this.text.includes("]]>")) {
              this.fail('the string "]]>" is disallowed in char data.');
            }
            this.pushAttrib(this.name, this.text);
            this.name = this.text = "";
            if (c === GREATER) {
              this.openTag();
            } else {
              this.state = S_ATTRIB;
            }
        }
      }
      sCloseTag() {
        const c = this.captureNameChars();
        if (c === GREATER) {
          this.closeTag();
        } else if (isS(c)) {
          this.state = S_CLOSE_TAG_SAW_WHITE;
        } else if (c !== EOC) {
          this.fail("disallowed character in closing tag.");
        }
      }
      sCloseTagSawWhite() {
        switch (this.skipSpaces()) {
          case GREATER:
            this.closeTag();
            break;
          case EOC:
            break;
          default:
            this.fail("disallowed character in closing tag.");
        }
      }
      // END OF STATE ENGINE METHODS
      handleTextInRoot() {
        let { i: start, forbiddenState } = this;
        const { chunk, textHandler: handler } = this;
        scanLoop:
          while (true) {
            switch (this.getCode()) {
              case LESS: {
                this.state = S_OPEN_WAKA;
                if (handler !== void 0) {
                  const { text } = this;
                  const slice = chunk.slice(start, this.prevI);
                  if (text.length !== 0) {
                    handler(text + slice);
                    this.text = "";
                  } else if (slice.length !== 0) {
                    handler(slice);
                  }
                }
                forbiddenState = FORBIDDEN_START;
                break scanLoop;
              }
              case AMP:
                this.state = S_ENTITY;
                this.entityReturnState = S_TEXT;
                if (handler !== void 0) {
                  this.text += chunk.slice(start, this.prevI);
                }
                forbiddenState = FORBIDDEN_START;
                break scanLoop;
              case CLOSE_BRACKET:
                switch (forbiddenState) {
                  case FORBIDDEN_START:
                    forbiddenState = FORBIDDEN_BRACKET;
                    break;
                  case FORBIDDEN_BRACKET:
                    forbiddenState = FORBIDDEN_BRACKET_BRACKET;
                    break;
                  case FORBIDDEN_BRACKET_BRACKET:
                    break;
                  default:
                    throw new Error("impossible state");
                }
                break;
              case GREATER:
                if (forbiddenState === FORBIDDEN_BRACKET_BRACKET) {
                  this.fail('the string "]]>" is disallowed in char data.');
                }
                forbiddenState = FORBIDDEN_START;
                break;
              case NL_LIKE:
                if (handler !== void 0) {
                  this.text += `${chunk.slice(start, this.prevI)}
`;
                }
                start = this.i;
                forbiddenState = FORBIDDEN_START;
                break;
              case EOC:
                if (handler !== void 0) {
                  this.text += chunk.slice(start);
                }
                break scanLoop;
              default:
                forbiddenState = FORBIDDEN_START;
            }
          }
        this.forbiddenState = forbiddenState;
      }
      handleTextOutsideRoot() {
        let { i: start } = this;
        const { chunk, textHandler: handler } = this;
        let nonSpace = false;
        outRootLoop:
          while (true) {
            const code = this.getCode();
            switch (code) {
              case LESS: {
                this.state = S_OPEN_WAKA;
                if (handler !== void 0) {
                  const { text } = this;
                  const slice = chunk.slice(start, this.prevI);
                  if (text.length !== 0) {
                    handler(text + slice);
                    this.text = "";
                  } else if (slice.length !== 0) {
                    handler(slice);
                  }
                }
                break outRootLoop;
              }
              case AMP:
                this.state = S_ENTITY;
                this.entityReturnState = S_TEXT;
                if (handler !== void 0) {
                  this.text += chunk.slice(start, this.prevI);
                }
                nonSpace = true;
                break outRootLoop;
              case NL_LIKE:
                if (handler !== void 0) {
                  this.text += `${chunk.slice(start, this.prevI)}
`;
                }
                start = this.i;
                break;
              case EOC:
                if (handler !== void 0) {
                  this.text += chunk.slice(start);
                }
                break outRootLoop;
              default:
                if (!isS(code)) {
                  nonSpace = true;
                }
            }
          }
        if (!nonSpace) {
          return;
        }
        if (!this.sawRoot && !this.reportedTextBeforeRoot) {
          this.fail("text data outside of root node.");
          this.reportedTextBeforeRoot = true;
        }
        if (this.closedRoot && !this.reportedTextAfterRoot) {
          this.fail("text data outside of root node.");
          this.reportedTextAfterRoot = true;
        }
      }
      pushAttribNS(name, value) {
        var _a;
        const { prefix, local } = this.qname(name);
        const attr = { name, prefix, local, value };
        this.attribList.push(attr);
        (_a = this.attributeHandler) === null || _a === void 0 ? void 0 : _a.call(this, attr);
        if (prefix === "xmlns") {
          const trimmed = value.trim();
          if (this.currentXMLVersion === "1.0" && trimmed === "") {
            this.fail("invalid attempt to undefine prefix in XML 1.0");
          }
          this.topNS[local] = trimmed;
          nsPairCheck(this, local, trimmed);
        } else if (name === "xmlns") {
          const trimmed = value.trim();
          this.topNS[""] = trimmed;
          nsPairCheck(this, "", trimmed);
        }
      }
      pushAttribPlain(name, value) {
        var _a;
        const attr = { name, value };
        this.attribList.push(attr);
        (_a = this.attributeHandler) === null || _a === void 0 ? void 0 : _a.call(this, attr);
      }
      /**
       * End parsing. This performs final well-formedness checks and resets the
       * parser to a clean state.
       *
       * @returns this
       */
      end() {
        var _a, _b;
        if (!this.sawRoot) {
          this.fail("document must contain a root element.");
        }
        const { tags } = this;
        while (tags.length > 0) {
          const tag = tags.pop();
          this.fail(`unclosed tag: ${tag.name}`);
        }
        if (this.state !== S_BEGIN && this.state !== S_TEXT) {
          this.fail("unexpected end.");
        }
        const { text } = this;
        if (text.length !== 0) {
          (_a = this.textHandler) === null || _a === void 0 ? void 0 : _a.call(this, text);
          this.text = "";
        }
        this._closed = true;
        (_b = this.endHandler) === null || _b === void 0 ? void 0 : _b.call(this);
        this._init();
        return this;
      }
      /**
       * Resolve a namespace prefix.
       *
       * @param prefix The prefix to resolve.
       *
       * @returns The namespace URI or ``undefined`` if the prefix is not defined.
       */
      resolve(prefix) {
        var _a, _b;
        let uri = this.topNS[prefix];
        if (uri !== void 0) {
          return uri;
        }
        const { tags } = this;
        for (let index = tags.length - 1; index >= 0; index--) {
          uri = tags[index].ns[prefix];
          if (uri !== void 0) {
            return uri;
          }
        }
        uri = this.ns[prefix];
        if (uri !== void 0) {
          return uri;
        }
        return (_b = (_a = this.opt).resolvePrefix) === null || _b === void 0 ? void 0 : _b.call(_a, prefix);
      }
      /**
       * Parse a qname into its prefix and local name parts.
       *
       * @param name The name to parse
       *
       * @returns
       */
      qname(name) {
        const colon = name.indexOf(":");
        if (colon === -1) {
          return { prefix: "", local: name };
        }
        const local = name.slice(colon + 1);
        const prefix = name.slice(0, colon);
        if (prefix === "" || local === "" || local.includes(":")) {
          this.fail(`malformed name: ${name}.`);
        }
        return { prefix, local };
      }
      processAttribsNS() {
        var _a;
        const { attribList } = this;
        const tag = this.tag;
        {
          const { prefix, local } = this.qname(tag.name);
          tag.prefix = prefix;
          tag.local = local;
          const uri = tag.uri = (_a = this.resolve(prefix)) !== null && _a !== void 0 ? _a : "";
          if (prefix !== "") {
            if (prefix === "xmlns") {
              this.fail('tags may not have "xmlns" as prefix.');
            }
            if (uri === "") {
              this.fail(`unbound namespace prefix: ${JSON.stringify(prefix)}.`);
              tag.uri = prefix;
            }
          }
        }
        if (attribList.length === 0) {
          return;
        }
        const { attributes } = tag;
        const seen = /* @__PURE__ */ new Set();
        for (const attr of attribList) {
          const { name, prefix, local } = attr;
          let uri;
          let eqname;
          if (prefix === "") {
            uri = name === "xmlns" ? XMLNS_NAMESPACE : "";
            eqname = name;
          } else {
            uri = this.resolve(prefix);
            if (uri === void 0) {
              this.fail(`unbound namespace prefix: ${JSON.stringify(prefix)}.`);
              uri = prefix;
            }
            eqname = `{${uri}}${local}`;
          }
          if (seen.has(eqname)) {
            this.fail(`duplicate attribute: ${eqname}.`);
          }
          seen.add(eqname);
          attr.uri = uri;
          attributes[name] = attr;
        }
        this.attribList = [];
      }
      processAttribsPlain() {
        const { attribList } = this;
        const attributes = this.tag.attributes;
        for (const { name, value } of attribList) {
          if (attributes[name] !== void 0) {
            this.fail(`duplicate attribute: ${name}.`);
          }
          attributes[name] = value;
        }
        this.attribList = [];
      }
      /**
       * Handle a complete open tag. This parser code calls this once it has seen
       * the whole tag. This method checks for well-formeness and then emits
       * ``onopentag``.
       */
      openTag() {
        var _a;
        this.processAttribs();
        const { tags } = this;
        const tag = this.tag;
        tag.isSelfClosing = false;
        (_a = this.openTagHandler) === null || _a === void 0 ? void 0 : _a.call(this, tag);
        tags.push(tag);
        this.state = S_TEXT;
        this.name = "";
      }
      /**
       * Handle a complete self-closing tag. This parser code calls this once it has
       * seen the whole tag. This method checks for well-formeness and then emits
       * ``onopentag`` and ``onclosetag``.
       */
      openSelfClosingTag() {
        var _a, _b, _c;
        this.processAttribs();
        const { tags } = this;
        const tag = this.tag;
        tag.isSelfClosing = true;
        (_a = this.openTagHandler) === null || _a === void 0 ? void 0 : _a.call(this, tag);
        (_b = this.closeTagHandler) === null || _b === void 0 ? void 0 : _b.call(this, tag);
        const top = this.tag = (_c = tags[tags.length - 1]) !== null && _c !== void 0 ? _c : null;
        if (top === null) {
          this.closedRoot = true;
        }
        this.state = S_TEXT;
        this.name = "";
      }
      /**
       * Handle a complete close tag. This parser code calls this once it has seen
       * the whole tag. This method checks for well-formeness and then emits
       * ``onclosetag``.
       */
      closeTag() {
        const { tags, name } = this;
        this.state = S_TEXT;
        this.name = "";
        if (name === "") {
          this.fail("weird empty close tag.");
          this.text += "</>";
          return;
        }
        const handler = this.closeTagHandler;
        let l = tags.length;
        while (l-- > 0) {
          const tag = this.tag = tags.pop();
          this.topNS = tag.ns;
          handler === null || handler === void 0 ? void 0 : handler(tag);
          if (tag.name === name) {
            break;
          }
          this.fail("unexpected close tag.");
        }
        if (l === 0) {
          this.closedRoot = true;
        } else if (l < 0) {
          this.fail(`unmatched closing tag: ${name}.`);
          this.text += `</${name}>`;
        }
      }
      /**
       * Resolves an entity. Makes any necessary well-formedness checks.
       *
       * @param entity The entity to resolve.
       *
       * @returns The parsed entity.
       */
      parseEntity(entity) {
        if (entity[0] !== "#") {
          const defined = this.ENTITIES[entity];
          if (defined !== void 0) {
            return defined;
          }
          this.fail(this.isName(entity) ? "undefined entity." : "disallowed character in entity name.");
          return `&${entity};`;
        }
        let num = NaN;
        if (entity[1] === "x" && /^#x[0-9a-f]+$/i.test(entity)) {
          num = parseInt(entity.slice(2), 16);
        } else if (/^#[0-9]+$/.test(entity)) {
          num = parseInt(entity.slice(1), 10);
        }
        if (!this.isChar(num)) {
          this.fail("malformed character entity.");
          return `&${entity};`;
        }
        return String.fromCodePoint(num);
      }
    };
    exports.SaxesParser = SaxesParser2;
  }
});

// node_modules/@lokesh.dhakar/quantize/dist/index.js
var require_dist2 = __commonJS({
  "node_modules/@lokesh.dhakar/quantize/dist/index.js"(exports, module) {
    init_define_globalThis_STORESHOTS_NATIVES();
    var pv = {
      naturalOrder: function naturalOrder(a, b) {
        return a < b ? -1 : a > b ? 1 : 0;
      },
      sum: function sum(array) {
        return array.reduce(function(p, d) {
          return p + d;
        }, 0);
      },
      max: function max(array) {
        return Math.max.apply(null, array);
      }
    };
    var SimpleColorMap = /* @__PURE__ */ (function() {
      function SimpleColorMap2(colors) {
        this.colors = colors;
      }
      var _proto = SimpleColorMap2.prototype;
      _proto.palette = function palette() {
        return this.colors;
      };
      _proto.map = function map(color) {
        return color;
      };
      return SimpleColorMap2;
    })();
    var MMCQ = (function() {
      var sigbits = 5, rshift = 8 - sigbits, maxIterations = 1e3, fractByPopulations = 0.75;
      function getColorIndex(r, g, b) {
        return (r << 2 * sigbits) + (g << sigbits) + b;
      }
      function PQueue(comparator) {
        var contents = [], sorted = false;
        function sort() {
          contents.sort(comparator);
          sorted = true;
        }
        return {
          push: function push(o) {
            contents.push(o);
            sorted = false;
          },
          peek: function peek(index) {
            if (!sorted) sort();
            if (index === void 0) index = contents.length - 1;
            return contents[index];
          },
          pop: function pop() {
            if (!sorted) sort();
            return contents.pop();
          },
          size: function size() {
            return contents.length;
          },
          map: function map(f) {
            return contents.map(f);
          },
          debug: function debug() {
            if (!sorted) sort();
            return contents;
          }
        };
      }
      function VBox(r1, r2, g1, g2, b1, b2, histo) {
        var vbox = this;
        vbox.r1 = r1;
        vbox.r2 = r2;
        vbox.g1 = g1;
        vbox.g2 = g2;
        vbox.b1 = b1;
        vbox.b2 = b2;
        vbox.histo = histo;
      }
      VBox.prototype = {
        volume: function volume(force) {
          var vbox = this;
          if (!vbox._volume || force) {
            vbox._volume = (vbox.r2 - vbox.r1 + 1) * (vbox.g2 - vbox.g1 + 1) * (vbox.b2 - vbox.b1 + 1);
          }
          return vbox._volume;
        },
        count: function count(force) {
          var vbox = this, histo = vbox.histo;
          if (!vbox._count_set || force) {
            var npix = 0, i, j, k, index;
            for (i = vbox.r1; i <= vbox.r2; i++) {
              for (j = vbox.g1; j <= vbox.g2; j++) {
                for (k = vbox.b1; k <= vbox.b2; k++) {
                  index = getColorIndex(i, j, k);
                  npix += histo[index] || 0;
                }
              }
            }
            vbox._count = npix;
            vbox._count_set = true;
          }
          return vbox._count;
        },
        copy: function copy() {
          var vbox = this;
          return new VBox(vbox.r1, vbox.r2, vbox.g1, vbox.g2, vbox.b1, vbox.b2, vbox.histo);
        },
        avg: function avg(force) {
          var vbox = this, histo = vbox.histo;
          if (!vbox._avg || force) {
            var ntot = 0, mult = 1 << 8 - sigbits, rsum = 0, gsum = 0, bsum = 0, hval, i, j, k, histoindex;
            if (vbox.r1 === vbox.r2 && vbox.g1 === vbox.g2 && vbox.b1 === vbox.b2) {
              vbox._avg = [vbox.r1 << rshift, vbox.g1 << rshift, vbox.b1 << rshift];
            } else {
              for (i = vbox.r1; i <= vbox.r2; i++) {
                for (j = vbox.g1; j <= vbox.g2; j++) {
                  for (k = vbox.b1; k <= vbox.b2; k++) {
                    histoindex = getColorIndex(i, j, k);
                    hval = histo[histoindex] || 0;
                    ntot += hval;
                    rsum += hval * (i + 0.5) * mult;
                    gsum += hval * (j + 0.5) * mult;
                    bsum += hval * (k + 0.5) * mult;
                  }
                }
              }
              if (ntot) {
                vbox._avg = [~~(rsum / ntot), ~~(gsum / ntot), ~~(bsum / ntot)];
              } else {
                vbox._avg = [~~(mult * (vbox.r1 + vbox.r2 + 1) / 2), ~~(mult * (vbox.g1 + vbox.g2 + 1) / 2), ~~(mult * (vbox.b1 + vbox.b2 + 1) / 2)];
              }
            }
          }
          return vbox._avg;
        },
        contains: function contains(pixel) {
          var vbox = this, rval = pixel[0] >> rshift;
          gval = pixel[1] >> rshift;
          bval = pixel[2] >> rshift;
          return rval >= vbox.r1 && rval <= vbox.r2 && gval >= vbox.g1 && gval <= vbox.g2 && bval >= vbox.b1 && bval <= vbox.b2;
        }
      };
      function CMap() {
        this.vboxes = new PQueue(function(a, b) {
          return pv.naturalOrder(a.vbox.count() * a.vbox.volume(), b.vbox.count() * b.vbox.volume());
        });
      }
      CMap.prototype = {
        push: function push(vbox) {
          this.vboxes.push({
            vbox,
            color: vbox.avg()
          });
        },
        palette: function palette() {
          return this.vboxes.map(function(vb) {
            return vb.color;
          });
        },
        size: function size() {
          return this.vboxes.size();
        },
        map: function map(color) {
          var vboxes = this.vboxes;
          for (var i = 0; i < vboxes.size(); i++) {
            if (vboxes.peek(i).vbox.contains(color)) {
              return vboxes.peek(i).color;
            }
          }
          return this.nearest(color);
        },
        nearest: function nearest(color) {
          var vboxes = this.vboxes, d1, d2, pColor;
          for (var i = 0; i < vboxes.size(); i++) {
            d2 = Math.sqrt(Math.pow(color[0] - vboxes.peek(i).color[0], 2) + Math.pow(color[1] - vboxes.peek(i).color[1], 2) + Math.pow(color[2] - vboxes.peek(i).color[2], 2));
            if (d2 < d1 || d1 === void 0) {
              d1 = d2;
              pColor = vboxes.peek(i).color;
            }
          }
          return pColor;
        },
        forcebw: function forcebw() {
          var vboxes = this.vboxes;
          vboxes.sort(function(a, b) {
            return pv.naturalOrder(pv.sum(a.color), pv.sum(b.color));
          });
          var lowest = vboxes[0].color;
          if (lowest[0] < 5 && lowest[1] < 5 && lowest[2] < 5) vboxes[0].color = [0, 0, 0];
          var idx = vboxes.length - 1, highest = vboxes[idx].color;
          if (highest[0] > 251 && highest[1] > 251 && highest[2] > 251) vboxes[idx].color = [255, 255, 255];
        }
      };
      function getHisto(pixels) {
        var histosize = 1 << 3 * sigbits, histo = new Array(histosize), index, rval, gval2, bval2;
        pixels.forEach(function(pixel) {
          rval = pixel[0] >> rshift;
          gval2 = pixel[1] >> rshift;
          bval2 = pixel[2] >> rshift;
          index = getColorIndex(rval, gval2, bval2);
          histo[index] = (histo[index] || 0) + 1;
        });
        return histo;
      }
      function vboxFromPixels(pixels, histo) {
        var rmin = 1e6, rmax = 0, gmin = 1e6, gmax = 0, bmin = 1e6, bmax = 0, rval, gval2, bval2;
        pixels.forEach(function(pixel) {
          rval = pixel[0] >> rshift;
          gval2 = pixel[1] >> rshift;
          bval2 = pixel[2] >> rshift;
          if (rval < rmin) rmin = rval;
          else if (rval > rmax) rmax = rval;
          if (gval2 < gmin) gmin = gval2;
          else if (gval2 > gmax) gmax = gval2;
          if (bval2 < bmin) bmin = bval2;
          else if (bval2 > bmax) bmax = bval2;
        });
        return new VBox(rmin, rmax, gmin, gmax, bmin, bmax, histo);
      }
      function medianCutApply(histo, vbox) {
        if (!vbox.count()) return;
        var rw = vbox.r2 - vbox.r1 + 1, gw = vbox.g2 - vbox.g1 + 1, bw = vbox.b2 - vbox.b1 + 1, maxw = pv.max([rw, gw, bw]);
        if (vbox.count() == 1) {
          return [vbox.copy()];
        }
        var total = 0, partialsum = [], lookaheadsum = [], i, j, k, sum, index;
        if (maxw == rw) {
          for (i = vbox.r1; i <= vbox.r2; i++) {
            sum = 0;
            for (j = vbox.g1; j <= vbox.g2; j++) {
              for (k = vbox.b1; k <= vbox.b2; k++) {
                index = getColorIndex(i, j, k);
                sum += histo[index] || 0;
              }
            }
            total += sum;
            partialsum[i] = total;
          }
        } else if (maxw == gw) {
          for (i = vbox.g1; i <= vbox.g2; i++) {
            sum = 0;
            for (j = vbox.r1; j <= vbox.r2; j++) {
              for (k = vbox.b1; k <= vbox.b2; k++) {
                index = getColorIndex(j, i, k);
                sum += histo[index] || 0;
              }
            }
            total += sum;
            partialsum[i] = total;
          }
        } else {
          for (i = vbox.b1; i <= vbox.b2; i++) {
            sum = 0;
            for (j = vbox.r1; j <= vbox.r2; j++) {
              for (k = vbox.g1; k <= vbox.g2; k++) {
                index = getColorIndex(j, k, i);
                sum += histo[index] || 0;
              }
            }
            total += sum;
            partialsum[i] = total;
          }
        }
        partialsum.forEach(function(d, i2) {
          lookaheadsum[i2] = total - d;
        });
        function doCut(color) {
          var dim1 = color + "1", dim2 = color + "2", left, right, vbox1, vbox2, d2, count2 = 0;
          for (i = vbox[dim1]; i <= vbox[dim2]; i++) {
            if (partialsum[i] > total / 2) {
              vbox1 = vbox.copy();
              vbox2 = vbox.copy();
              left = i - vbox[dim1];
              right = vbox[dim2] - i;
              if (left <= right) d2 = Math.min(vbox[dim2] - 1, ~~(i + right / 2));
              else d2 = Math.max(vbox[dim1], ~~(i - 1 - left / 2));
              while (!partialsum[d2]) d2++;
              count2 = lookaheadsum[d2];
              while (!count2 && partialsum[d2 - 1]) count2 = lookaheadsum[--d2];
              vbox1[dim2] = d2;
              vbox2[dim1] = vbox1[dim2] + 1;
              return [vbox1, vbox2];
            }
          }
        }
        return maxw == rw ? doCut("r") : maxw == gw ? doCut("g") : doCut("b");
      }
      function quantize3(pixels, maxcolors) {
        if (!Number.isInteger(maxcolors) || maxcolors < 1 || maxcolors > 256) {
          throw new Error("Invalid maximum color count. It must be an integer between 1 and 256.");
        }
        if (!pixels.length || maxcolors < 2 || maxcolors > 256) {
          return false;
        }
        if (!pixels.length || maxcolors < 2 || maxcolors > 256) {
          return false;
        }
        var uniqueColors = [];
        var seenColors = /* @__PURE__ */ new Set();
        for (var i = 0; i < pixels.length; i++) {
          var color = pixels[i];
          var colorKey = color.join(",");
          if (!seenColors.has(colorKey)) {
            seenColors.add(colorKey);
            uniqueColors.push(color);
          }
        }
        if (uniqueColors.length <= maxcolors) {
          return new SimpleColorMap(uniqueColors);
        }
        var histo = getHisto(pixels);
        histo.forEach(function() {
        });
        var vbox = vboxFromPixels(pixels, histo), pq = new PQueue(function(a, b) {
          return pv.naturalOrder(a.count(), b.count());
        });
        pq.push(vbox);
        function iter(lh, target) {
          var ncolors = lh.size(), niters = 0, vbox2;
          while (niters < maxIterations) {
            if (ncolors >= target) return;
            if (niters++ > maxIterations) {
              return;
            }
            vbox2 = lh.pop();
            if (!vbox2.count()) {
              lh.push(vbox2);
              niters++;
              continue;
            }
            var vboxes = medianCutApply(histo, vbox2), vbox1 = vboxes[0], vbox22 = vboxes[1];
            if (!vbox1) {
              return;
            }
            lh.push(vbox1);
            if (vbox22) {
              lh.push(vbox22);
              ncolors++;
            }
          }
        }
        iter(pq, fractByPopulations * maxcolors);
        var pq2 = new PQueue(function(a, b) {
          return pv.naturalOrder(a.count() * a.volume(), b.count() * b.volume());
        });
        while (pq.size()) {
          pq2.push(pq.pop());
        }
        iter(pq2, maxcolors);
        var cmap = new CMap();
        while (pq2.size()) {
          cmap.push(pq2.pop());
        }
        return cmap;
      }
      return {
        quantize: quantize3
      };
    })();
    var quantize2 = MMCQ.quantize;
    module.exports = quantize2;
  }
});

// node_modules/pngjs/lib/chunkstream.js
var require_chunkstream = __commonJS({
  "node_modules/pngjs/lib/chunkstream.js"(exports, module) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    var util = __require("util");
    var Stream = __require("stream");
    var ChunkStream = module.exports = function() {
      Stream.call(this);
      this._buffers = [];
      this._buffered = 0;
      this._reads = [];
      this._paused = false;
      this._encoding = "utf8";
      this.writable = true;
    };
    util.inherits(ChunkStream, Stream);
    ChunkStream.prototype.read = function(length, callback) {
      this._reads.push({
        length: Math.abs(length),
        // if length < 0 then at most this length
        allowLess: length < 0,
        func: callback
      });
      process.nextTick(
        function() {
          this._process();
          if (this._paused && this._reads && this._reads.length > 0) {
            this._paused = false;
            this.emit("drain");
          }
        }.bind(this)
      );
    };
    ChunkStream.prototype.write = function(data, encoding) {
      if (!this.writable) {
        this.emit("error", new Error("Stream not writable"));
        return false;
      }
      let dataBuffer;
      if (Buffer.isBuffer(data)) {
        dataBuffer = data;
      } else {
        dataBuffer = Buffer.from(data, encoding || this._encoding);
      }
      this._buffers.push(dataBuffer);
      this._buffered += dataBuffer.length;
      this._process();
      if (this._reads && this._reads.length === 0) {
        this._paused = true;
      }
      return this.writable && !this._paused;
    };
    ChunkStream.prototype.end = function(data, encoding) {
      if (data) {
        this.write(data, encoding);
      }
      this.writable = false;
      if (!this._buffers) {
        return;
      }
      if (this._buffers.length === 0) {
        this._end();
      } else {
        this._buffers.push(null);
        this._process();
      }
    };
    ChunkStream.prototype.destroySoon = ChunkStream.prototype.end;
    ChunkStream.prototype._end = function() {
      if (this._reads.length > 0) {
        this.emit("error", new Error("Unexpected end of input"));
      }
      this.destroy();
    };
    ChunkStream.prototype.destroy = function() {
      if (!this._buffers) {
        return;
      }
      this.writable = false;
      this._reads = null;
      this._buffers = null;
      this.emit("close");
    };
    ChunkStream.prototype._processReadAllowingLess = function(read) {
      this._reads.shift();
      let smallerBuf = this._buffers[0];
      if (smallerBuf.length > read.length) {
        this._buffered -= read.length;
        this._buffers[0] = smallerBuf.slice(read.length);
        read.func.call(this, smallerBuf.slice(0, read.length));
      } else {
        this._buffered -= smallerBuf.length;
        this._buffers.shift();
        read.func.call(this, smallerBuf);
      }
    };
    ChunkStream.prototype._processRead = function(read) {
      this._reads.shift();
      let pos = 0;
      let count = 0;
      let data = Buffer.alloc(read.length);
      while (pos < read.length) {
        let buf = this._buffers[count++];
        let len = Math.min(buf.length, read.length - pos);
        buf.copy(data, pos, 0, len);
        pos += len;
        if (len !== buf.length) {
          this._buffers[--count] = buf.slice(len);
        }
      }
      if (count > 0) {
        this._buffers.splice(0, count);
      }
      this._buffered -= read.length;
      read.func.call(this, data);
    };
    ChunkStream.prototype._process = function() {
      try {
        while (this._buffered > 0 && this._reads && this._reads.length > 0) {
          let read = this._reads[0];
          if (read.allowLess) {
            this._processReadAllowingLess(read);
          } else if (this._buffered >= read.length) {
            this._processRead(read);
          } else {
            break;
          }
        }
        if (this._buffers && !this.writable) {
          this._end();
        }
      } catch (ex) {
        this.emit("error", ex);
      }
    };
  }
});

// node_modules/pngjs/lib/interlace.js
var require_interlace = __commonJS({
  "node_modules/pngjs/lib/interlace.js"(exports) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    var imagePasses = [
      {
        // pass 1 - 1px
        x: [0],
        y: [0]
      },
      {
        // pass 2 - 1px
        x: [4],
        y: [0]
      },
      {
        // pass 3 - 2px
        x: [0, 4],
        y: [4]
      },
      {
        // pass 4 - 4px
        x: [2, 6],
        y: [0, 4]
      },
      {
        // pass 5 - 8px
        x: [0, 2, 4, 6],
        y: [2, 6]
      },
      {
        // pass 6 - 16px
        x: [1, 3, 5, 7],
        y: [0, 2, 4, 6]
      },
      {
        // pass 7 - 32px
        x: [0, 1, 2, 3, 4, 5, 6, 7],
        y: [1, 3, 5, 7]
      }
    ];
    exports.getImagePasses = function(width, height) {
      let images = [];
      let xLeftOver = width % 8;
      let yLeftOver = height % 8;
      let xRepeats = (width - xLeftOver) / 8;
      let yRepeats = (height - yLeftOver) / 8;
      for (let i = 0; i < imagePasses.length; i++) {
        let pass = imagePasses[i];
        let passWidth = xRepeats * pass.x.length;
        let passHeight = yRepeats * pass.y.length;
        for (let j = 0; j < pass.x.length; j++) {
          if (pass.x[j] < xLeftOver) {
            passWidth++;
          } else {
            break;
          }
        }
        for (let j = 0; j < pass.y.length; j++) {
          if (pass.y[j] < yLeftOver) {
            passHeight++;
          } else {
            break;
          }
        }
        if (passWidth > 0 && passHeight > 0) {
          images.push({ width: passWidth, height: passHeight, index: i });
        }
      }
      return images;
    };
    exports.getInterlaceIterator = function(width) {
      return function(x, y, pass) {
        let outerXLeftOver = x % imagePasses[pass].x.length;
        let outerX = (x - outerXLeftOver) / imagePasses[pass].x.length * 8 + imagePasses[pass].x[outerXLeftOver];
        let outerYLeftOver = y % imagePasses[pass].y.length;
        let outerY = (y - outerYLeftOver) / imagePasses[pass].y.length * 8 + imagePasses[pass].y[outerYLeftOver];
        return outerX * 4 + outerY * width * 4;
      };
    };
  }
});

// node_modules/pngjs/lib/paeth-predictor.js
var require_paeth_predictor = __commonJS({
  "node_modules/pngjs/lib/paeth-predictor.js"(exports, module) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    module.exports = function paethPredictor(left, above, upLeft) {
      let paeth = left + above - upLeft;
      let pLeft = Math.abs(paeth - left);
      let pAbove = Math.abs(paeth - above);
      let pUpLeft = Math.abs(paeth - upLeft);
      if (pLeft <= pAbove && pLeft <= pUpLeft) {
        return left;
      }
      if (pAbove <= pUpLeft) {
        return above;
      }
      return upLeft;
    };
  }
});

// node_modules/pngjs/lib/filter-parse.js
var require_filter_parse = __commonJS({
  "node_modules/pngjs/lib/filter-parse.js"(exports, module) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    var interlaceUtils = require_interlace();
    var paethPredictor = require_paeth_predictor();
    function getByteWidth(width, bpp, depth) {
      let byteWidth = width * bpp;
      if (depth !== 8) {
        byteWidth = Math.ceil(byteWidth / (8 / depth));
      }
      return byteWidth;
    }
    var Filter = module.exports = function(bitmapInfo, dependencies) {
      let width = bitmapInfo.width;
      let height = bitmapInfo.height;
      let interlace = bitmapInfo.interlace;
      let bpp = bitmapInfo.bpp;
      let depth = bitmapInfo.depth;
      this.read = dependencies.read;
      this.write = dependencies.write;
      this.complete = dependencies.complete;
      this._imageIndex = 0;
      this._images = [];
      if (interlace) {
        let passes = interlaceUtils.getImagePasses(width, height);
        for (let i = 0; i < passes.length; i++) {
          this._images.push({
            byteWidth: getByteWidth(passes[i].width, bpp, depth),
            height: passes[i].height,
            lineIndex: 0
          });
        }
      } else {
        this._images.push({
          byteWidth: getByteWidth(width, bpp, depth),
          height,
          lineIndex: 0
        });
      }
      if (depth === 8) {
        this._xComparison = bpp;
      } else if (depth === 16) {
        this._xComparison = bpp * 2;
      } else {
        this._xComparison = 1;
      }
    };
    Filter.prototype.start = function() {
      this.read(
        this._images[this._imageIndex].byteWidth + 1,
        this._reverseFilterLine.bind(this)
      );
    };
    Filter.prototype._unFilterType1 = function(rawData, unfilteredLine, byteWidth) {
      let xComparison = this._xComparison;
      let xBiggerThan = xComparison - 1;
      for (let x = 0; x < byteWidth; x++) {
        let rawByte = rawData[1 + x];
        let f1Left = x > xBiggerThan ? unfilteredLine[x - xComparison] : 0;
        unfilteredLine[x] = rawByte + f1Left;
      }
    };
    Filter.prototype._unFilterType2 = function(rawData, unfilteredLine, byteWidth) {
      let lastLine = this._lastLine;
      for (let x = 0; x < byteWidth; x++) {
        let rawByte = rawData[1 + x];
        let f2Up = lastLine ? lastLine[x] : 0;
        unfilteredLine[x] = rawByte + f2Up;
      }
    };
    Filter.prototype._unFilterType3 = function(rawData, unfilteredLine, byteWidth) {
      let xComparison = this._xComparison;
      let xBiggerThan = xComparison - 1;
      let lastLine = this._lastLine;
      for (let x = 0; x < byteWidth; x++) {
        let rawByte = rawData[1 + x];
        let f3Up = lastLine ? lastLine[x] : 0;
        let f3Left = x > xBiggerThan ? unfilteredLine[x - xComparison] : 0;
        let f3Add = Math.floor((f3Left + f3Up) / 2);
        unfilteredLine[x] = rawByte + f3Add;
      }
    };
    Filter.prototype._unFilterType4 = function(rawData, unfilteredLine, byteWidth) {
      let xComparison = this._xComparison;
      let xBiggerThan = xComparison - 1;
      let lastLine = this._lastLine;
      for (let x = 0; x < byteWidth; x++) {
        let rawByte = rawData[1 + x];
        let f4Up = lastLine ? lastLine[x] : 0;
        let f4Left = x > xBiggerThan ? unfilteredLine[x - xComparison] : 0;
        let f4UpLeft = x > xBiggerThan && lastLine ? lastLine[x - xComparison] : 0;
        let f4Add = paethPredictor(f4Left, f4Up, f4UpLeft);
        unfilteredLine[x] = rawByte + f4Add;
      }
    };
    Filter.prototype._reverseFilterLine = function(rawData) {
      let filter = rawData[0];
      let unfilteredLine;
      let currentImage = this._images[this._imageIndex];
      let byteWidth = currentImage.byteWidth;
      if (filter === 0) {
        unfilteredLine = rawData.slice(1, byteWidth + 1);
      } else {
        unfilteredLine = Buffer.alloc(byteWidth);
        switch (filter) {
          case 1:
            this._unFilterType1(rawData, unfilteredLine, byteWidth);
            break;
          case 2:
            this._unFilterType2(rawData, unfilteredLine, byteWidth);
            break;
          case 3:
            this._unFilterType3(rawData, unfilteredLine, byteWidth);
            break;
          case 4:
            this._unFilterType4(rawData, unfilteredLine, byteWidth);
            break;
          default:
            throw new Error("Unrecognised filter type - " + filter);
        }
      }
      this.write(unfilteredLine);
      currentImage.lineIndex++;
      if (currentImage.lineIndex >= currentImage.height) {
        this._lastLine = null;
        this._imageIndex++;
        currentImage = this._images[this._imageIndex];
      } else {
        this._lastLine = unfilteredLine;
      }
      if (currentImage) {
        this.read(currentImage.byteWidth + 1, this._reverseFilterLine.bind(this));
      } else {
        this._lastLine = null;
        this.complete();
      }
    };
  }
});

// node_modules/pngjs/lib/filter-parse-async.js
var require_filter_parse_async = __commonJS({
  "node_modules/pngjs/lib/filter-parse-async.js"(exports, module) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    var util = __require("util");
    var ChunkStream = require_chunkstream();
    var Filter = require_filter_parse();
    var FilterAsync = module.exports = function(bitmapInfo) {
      ChunkStream.call(this);
      let buffers = [];
      let that = this;
      this._filter = new Filter(bitmapInfo, {
        read: this.read.bind(this),
        write: function(buffer) {
          buffers.push(buffer);
        },
        complete: function() {
          that.emit("complete", Buffer.concat(buffers));
        }
      });
      this._filter.start();
    };
    util.inherits(FilterAsync, ChunkStream);
  }
});

// node_modules/pngjs/lib/constants.js
var require_constants = __commonJS({
  "node_modules/pngjs/lib/constants.js"(exports, module) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    module.exports = {
      PNG_SIGNATURE: [137, 80, 78, 71, 13, 10, 26, 10],
      TYPE_IHDR: 1229472850,
      TYPE_IEND: 1229278788,
      TYPE_IDAT: 1229209940,
      TYPE_PLTE: 1347179589,
      TYPE_tRNS: 1951551059,
      // eslint-disable-line camelcase
      TYPE_gAMA: 1732332865,
      // eslint-disable-line camelcase
      // color-type bits
      COLORTYPE_GRAYSCALE: 0,
      COLORTYPE_PALETTE: 1,
      COLORTYPE_COLOR: 2,
      COLORTYPE_ALPHA: 4,
      // e.g. grayscale and alpha
      // color-type combinations
      COLORTYPE_PALETTE_COLOR: 3,
      COLORTYPE_COLOR_ALPHA: 6,
      COLORTYPE_TO_BPP_MAP: {
        0: 1,
        2: 3,
        3: 1,
        4: 2,
        6: 4
      },
      GAMMA_DIVISION: 1e5
    };
  }
});

// node_modules/pngjs/lib/crc.js
var require_crc = __commonJS({
  "node_modules/pngjs/lib/crc.js"(exports, module) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    var crcTable = [];
    (function() {
      for (let i = 0; i < 256; i++) {
        let currentCrc = i;
        for (let j = 0; j < 8; j++) {
          if (currentCrc & 1) {
            currentCrc = 3988292384 ^ currentCrc >>> 1;
          } else {
            currentCrc = currentCrc >>> 1;
          }
        }
        crcTable[i] = currentCrc;
      }
    })();
    var CrcCalculator = module.exports = function() {
      this._crc = -1;
    };
    CrcCalculator.prototype.write = function(data) {
      for (let i = 0; i < data.length; i++) {
        this._crc = crcTable[(this._crc ^ data[i]) & 255] ^ this._crc >>> 8;
      }
      return true;
    };
    CrcCalculator.prototype.crc32 = function() {
      return this._crc ^ -1;
    };
    CrcCalculator.crc32 = function(buf) {
      let crc = -1;
      for (let i = 0; i < buf.length; i++) {
        crc = crcTable[(crc ^ buf[i]) & 255] ^ crc >>> 8;
      }
      return crc ^ -1;
    };
  }
});

// node_modules/pngjs/lib/parser.js
var require_parser = __commonJS({
  "node_modules/pngjs/lib/parser.js"(exports, module) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    var constants2 = require_constants();
    var CrcCalculator = require_crc();
    var Parser = module.exports = function(options, dependencies) {
      this._options = options;
      options.checkCRC = options.checkCRC !== false;
      this._hasIHDR = false;
      this._hasIEND = false;
      this._emittedHeadersFinished = false;
      this._palette = [];
      this._colorType = 0;
      this._chunks = {};
      this._chunks[constants2.TYPE_IHDR] = this._handleIHDR.bind(this);
      this._chunks[constants2.TYPE_IEND] = this._handleIEND.bind(this);
      this._chunks[constants2.TYPE_IDAT] = this._handleIDAT.bind(this);
      this._chunks[constants2.TYPE_PLTE] = this._handlePLTE.bind(this);
      this._chunks[constants2.TYPE_tRNS] = this._handleTRNS.bind(this);
      this._chunks[constants2.TYPE_gAMA] = this._handleGAMA.bind(this);
      this.read = dependencies.read;
      this.error = dependencies.error;
      this.metadata = dependencies.metadata;
      this.gamma = dependencies.gamma;
      this.transColor = dependencies.transColor;
      this.palette = dependencies.palette;
      this.parsed = dependencies.parsed;
      this.inflateData = dependencies.inflateData;
      this.finished = dependencies.finished;
      this.simpleTransparency = dependencies.simpleTransparency;
      this.headersFinished = dependencies.headersFinished || function() {
      };
    };
    Parser.prototype.start = function() {
      this.read(constants2.PNG_SIGNATURE.length, this._parseSignature.bind(this));
    };
    Parser.prototype._parseSignature = function(data) {
      let signature = constants2.PNG_SIGNATURE;
      for (let i = 0; i < signature.length; i++) {
        if (data[i] !== signature[i]) {
          this.error(new Error("Invalid file signature"));
          return;
        }
      }
      this.read(8, this._parseChunkBegin.bind(this));
    };
    Parser.prototype._parseChunkBegin = function(data) {
      let length = data.readUInt32BE(0);
      let type = data.readUInt32BE(4);
      let name = "";
      for (let i = 4; i < 8; i++) {
        name += String.fromCharCode(data[i]);
      }
      let ancillary = Boolean(data[4] & 32);
      if (!this._hasIHDR && type !== constants2.TYPE_IHDR) {
        this.error(new Error("Expected IHDR on beggining"));
        return;
      }
      this._crc = new CrcCalculator();
      this._crc.write(Buffer.from(name));
      if (this._chunks[type]) {
        return this._chunks[type](length);
      }
      if (!ancillary) {
        this.error(new Error("Unsupported critical chunk type " + name));
        return;
      }
      this.read(length + 4, this._skipChunk.bind(this));
    };
    Parser.prototype._skipChunk = function() {
      this.read(8, this._parseChunkBegin.bind(this));
    };
    Parser.prototype._handleChunkEnd = function() {
      this.read(4, this._parseChunkEnd.bind(this));
    };
    Parser.prototype._parseChunkEnd = function(data) {
      let fileCrc = data.readInt32BE(0);
      let calcCrc = this._crc.crc32();
      if (this._options.checkCRC && calcCrc !== fileCrc) {
        this.error(new Error("Crc error - " + fileCrc + " - " + calcCrc));
        return;
      }
      if (!this._hasIEND) {
        this.read(8, this._parseChunkBegin.bind(this));
      }
    };
    Parser.prototype._handleIHDR = function(length) {
      this.read(length, this._parseIHDR.bind(this));
    };
    Parser.prototype._parseIHDR = function(data) {
      this._crc.write(data);
      let width = data.readUInt32BE(0);
      let height = data.readUInt32BE(4);
      let depth = data[8];
      let colorType = data[9];
      let compr = data[10];
      let filter = data[11];
      let interlace = data[12];
      if (depth !== 8 && depth !== 4 && depth !== 2 && depth !== 1 && depth !== 16) {
        this.error(new Error("Unsupported bit depth " + depth));
        return;
      }
      if (!(colorType in constants2.COLORTYPE_TO_BPP_MAP)) {
        this.error(new Error("Unsupported color type"));
        return;
      }
      if (compr !== 0) {
        this.error(new Error("Unsupported compression method"));
        return;
      }
      if (filter !== 0) {
        this.error(new Error("Unsupported filter method"));
        return;
      }
      if (interlace !== 0 && interlace !== 1) {
        this.error(new Error("Unsupported interlace method"));
        return;
      }
      this._colorType = colorType;
      let bpp = constants2.COLORTYPE_TO_BPP_MAP[this._colorType];
      this._hasIHDR = true;
      this.metadata({
        width,
        height,
        depth,
        interlace: Boolean(interlace),
        palette: Boolean(colorType & constants2.COLORTYPE_PALETTE),
        color: Boolean(colorType & constants2.COLORTYPE_COLOR),
        alpha: Boolean(colorType & constants2.COLORTYPE_ALPHA),
        bpp,
        colorType
      });
      this._handleChunkEnd();
    };
    Parser.prototype._handlePLTE = function(length) {
      this.read(length, this._parsePLTE.bind(this));
    };
    Parser.prototype._parsePLTE = function(data) {
      this._crc.write(data);
      let entries = Math.floor(data.length / 3);
      for (let i = 0; i < entries; i++) {
        this._palette.push([data[i * 3], data[i * 3 + 1], data[i * 3 + 2], 255]);
      }
      this.palette(this._palette);
      this._handleChunkEnd();
    };
    Parser.prototype._handleTRNS = function(length) {
      this.simpleTransparency();
      this.read(length, this._parseTRNS.bind(this));
    };
    Parser.prototype._parseTRNS = function(data) {
      this._crc.write(data);
      if (this._colorType === constants2.COLORTYPE_PALETTE_COLOR) {
        if (this._palette.length === 0) {
          this.error(new Error("Transparency chunk must be after palette"));
          return;
        }
        if (data.length > this._palette.length) {
          this.error(new Error("More transparent colors than palette size"));
          return;
        }
        for (let i = 0; i < data.length; i++) {
          this._palette[i][3] = data[i];
        }
        this.palette(this._palette);
      }
      if (this._colorType === constants2.COLORTYPE_GRAYSCALE) {
        this.transColor([data.readUInt16BE(0)]);
      }
      if (this._colorType === constants2.COLORTYPE_COLOR) {
        this.transColor([
          data.readUInt16BE(0),
          data.readUInt16BE(2),
          data.readUInt16BE(4)
        ]);
      }
      this._handleChunkEnd();
    };
    Parser.prototype._handleGAMA = function(length) {
      this.read(length, this._parseGAMA.bind(this));
    };
    Parser.prototype._parseGAMA = function(data) {
      this._crc.write(data);
      this.gamma(data.readUInt32BE(0) / constants2.GAMMA_DIVISION);
      this._handleChunkEnd();
    };
    Parser.prototype._handleIDAT = function(length) {
      if (!this._emittedHeadersFinished) {
        this._emittedHeadersFinished = true;
        this.headersFinished();
      }
      this.read(-length, this._parseIDAT.bind(this, length));
    };
    Parser.prototype._parseIDAT = function(length, data) {
      this._crc.write(data);
      if (this._colorType === constants2.COLORTYPE_PALETTE_COLOR && this._palette.length === 0) {
        throw new Error("Expected palette not found");
      }
      this.inflateData(data);
      let leftOverLength = length - data.length;
      if (leftOverLength > 0) {
        this._handleIDAT(leftOverLength);
      } else {
        this._handleChunkEnd();
      }
    };
    Parser.prototype._handleIEND = function(length) {
      this.read(length, this._parseIEND.bind(this));
    };
    Parser.prototype._parseIEND = function(data) {
      this._crc.write(data);
      this._hasIEND = true;
      this._handleChunkEnd();
      if (this.finished) {
        this.finished();
      }
    };
  }
});

// node_modules/pngjs/lib/bitmapper.js
var require_bitmapper = __commonJS({
  "node_modules/pngjs/lib/bitmapper.js"(exports) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    var interlaceUtils = require_interlace();
    var pixelBppMapper = [
      // 0 - dummy entry
      function() {
      },
      // 1 - L
      // 0: 0, 1: 0, 2: 0, 3: 0xff
      function(pxData, data, pxPos, rawPos) {
        if (rawPos === data.length) {
          throw new Error("Ran out of data");
        }
        let pixel = data[rawPos];
        pxData[pxPos] = pixel;
        pxData[pxPos + 1] = pixel;
        pxData[pxPos + 2] = pixel;
        pxData[pxPos + 3] = 255;
      },
      // 2 - LA
      // 0: 0, 1: 0, 2: 0, 3: 1
      function(pxData, data, pxPos, rawPos) {
        if (rawPos + 1 >= data.length) {
          throw new Error("Ran out of data");
        }
        let pixel = data[rawPos];
        pxData[pxPos] = pixel;
        pxData[pxPos + 1] = pixel;
        pxData[pxPos + 2] = pixel;
        pxData[pxPos + 3] = data[rawPos + 1];
      },
      // 3 - RGB
      // 0: 0, 1: 1, 2: 2, 3: 0xff
      function(pxData, data, pxPos, rawPos) {
        if (rawPos + 2 >= data.length) {
          throw new Error("Ran out of data");
        }
        pxData[pxPos] = data[rawPos];
        pxData[pxPos + 1] = data[rawPos + 1];
        pxData[pxPos + 2] = data[rawPos + 2];
        pxData[pxPos + 3] = 255;
      },
      // 4 - RGBA
      // 0: 0, 1: 1, 2: 2, 3: 3
      function(pxData, data, pxPos, rawPos) {
        if (rawPos + 3 >= data.length) {
          throw new Error("Ran out of data");
        }
        pxData[pxPos] = data[rawPos];
        pxData[pxPos + 1] = data[rawPos + 1];
        pxData[pxPos + 2] = data[rawPos + 2];
        pxData[pxPos + 3] = data[rawPos + 3];
      }
    ];
    var pixelBppCustomMapper = [
      // 0 - dummy entry
      function() {
      },
      // 1 - L
      // 0: 0, 1: 0, 2: 0, 3: 0xff
      function(pxData, pixelData, pxPos, maxBit) {
        let pixel = pixelData[0];
        pxData[pxPos] = pixel;
        pxData[pxPos + 1] = pixel;
        pxData[pxPos + 2] = pixel;
        pxData[pxPos + 3] = maxBit;
      },
      // 2 - LA
      // 0: 0, 1: 0, 2: 0, 3: 1
      function(pxData, pixelData, pxPos) {
        let pixel = pixelData[0];
        pxData[pxPos] = pixel;
        pxData[pxPos + 1] = pixel;
        pxData[pxPos + 2] = pixel;
        pxData[pxPos + 3] = pixelData[1];
      },
      // 3 - RGB
      // 0: 0, 1: 1, 2: 2, 3: 0xff
      function(pxData, pixelData, pxPos, maxBit) {
        pxData[pxPos] = pixelData[0];
        pxData[pxPos + 1] = pixelData[1];
        pxData[pxPos + 2] = pixelData[2];
        pxData[pxPos + 3] = maxBit;
      },
      // 4 - RGBA
      // 0: 0, 1: 1, 2: 2, 3: 3
      function(pxData, pixelData, pxPos) {
        pxData[pxPos] = pixelData[0];
        pxData[pxPos + 1] = pixelData[1];
        pxData[pxPos + 2] = pixelData[2];
        pxData[pxPos + 3] = pixelData[3];
      }
    ];
    function bitRetriever(data, depth) {
      let leftOver = [];
      let i = 0;
      function split() {
        if (i === data.length) {
          throw new Error("Ran out of data");
        }
        let byte = data[i];
        i++;
        let byte8, byte7, byte6, byte5, byte4, byte3, byte2, byte1;
        switch (depth) {
          default:
            throw new Error("unrecognised depth");
          case 16:
            byte2 = data[i];
            i++;
            leftOver.push((byte << 8) + byte2);
            break;
          case 4:
            byte2 = byte & 15;
            byte1 = byte >> 4;
            leftOver.push(byte1, byte2);
            break;
          case 2:
            byte4 = byte & 3;
            byte3 = byte >> 2 & 3;
            byte2 = byte >> 4 & 3;
            byte1 = byte >> 6 & 3;
            leftOver.push(byte1, byte2, byte3, byte4);
            break;
          case 1:
            byte8 = byte & 1;
            byte7 = byte >> 1 & 1;
            byte6 = byte >> 2 & 1;
            byte5 = byte >> 3 & 1;
            byte4 = byte >> 4 & 1;
            byte3 = byte >> 5 & 1;
            byte2 = byte >> 6 & 1;
            byte1 = byte >> 7 & 1;
            leftOver.push(byte1, byte2, byte3, byte4, byte5, byte6, byte7, byte8);
            break;
        }
      }
      return {
        get: function(count) {
          while (leftOver.length < count) {
            split();
          }
          let returner = leftOver.slice(0, count);
          leftOver = leftOver.slice(count);
          return returner;
        },
        resetAfterLine: function() {
          leftOver.length = 0;
        },
        end: function() {
          if (i !== data.length) {
            throw new Error("extra data found");
          }
        }
      };
    }
    function mapImage8Bit(image, pxData, getPxPos, bpp, data, rawPos) {
      let imageWidth = image.width;
      let imageHeight = image.height;
      let imagePass = image.index;
      for (let y = 0; y < imageHeight; y++) {
        for (let x = 0; x < imageWidth; x++) {
          let pxPos = getPxPos(x, y, imagePass);
          pixelBppMapper[bpp](pxData, data, pxPos, rawPos);
          rawPos += bpp;
        }
      }
      return rawPos;
    }
    function mapImageCustomBit(image, pxData, getPxPos, bpp, bits, maxBit) {
      let imageWidth = image.width;
      let imageHeight = image.height;
      let imagePass = image.index;
      for (let y = 0; y < imageHeight; y++) {
        for (let x = 0; x < imageWidth; x++) {
          let pixelData = bits.get(bpp);
          let pxPos = getPxPos(x, y, imagePass);
          pixelBppCustomMapper[bpp](pxData, pixelData, pxPos, maxBit);
        }
        bits.resetAfterLine();
      }
    }
    exports.dataToBitMap = function(data, bitmapInfo) {
      let width = bitmapInfo.width;
      let height = bitmapInfo.height;
      let depth = bitmapInfo.depth;
      let bpp = bitmapInfo.bpp;
      let interlace = bitmapInfo.interlace;
      let bits;
      if (depth !== 8) {
        bits = bitRetriever(data, depth);
      }
      let pxData;
      if (depth <= 8) {
        pxData = Buffer.alloc(width * height * 4);
      } else {
        pxData = new Uint16Array(width * height * 4);
      }
      let maxBit = Math.pow(2, depth) - 1;
      let rawPos = 0;
      let images;
      let getPxPos;
      if (interlace) {
        images = interlaceUtils.getImagePasses(width, height);
        getPxPos = interlaceUtils.getInterlaceIterator(width, height);
      } else {
        let nonInterlacedPxPos = 0;
        getPxPos = function() {
          let returner = nonInterlacedPxPos;
          nonInterlacedPxPos += 4;
          return returner;
        };
        images = [{ width, height }];
      }
      for (let imageIndex = 0; imageIndex < images.length; imageIndex++) {
        if (depth === 8) {
          rawPos = mapImage8Bit(
            images[imageIndex],
            pxData,
            getPxPos,
            bpp,
            data,
            rawPos
          );
        } else {
          mapImageCustomBit(
            images[imageIndex],
            pxData,
            getPxPos,
            bpp,
            bits,
            maxBit
          );
        }
      }
      if (depth === 8) {
        if (rawPos !== data.length) {
          throw new Error("extra data found");
        }
      } else {
        bits.end();
      }
      return pxData;
    };
  }
});

// node_modules/pngjs/lib/format-normaliser.js
var require_format_normaliser = __commonJS({
  "node_modules/pngjs/lib/format-normaliser.js"(exports, module) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    function dePalette(indata, outdata, width, height, palette) {
      let pxPos = 0;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          let color = palette[indata[pxPos]];
          if (!color) {
            throw new Error("index " + indata[pxPos] + " not in palette");
          }
          for (let i = 0; i < 4; i++) {
            outdata[pxPos + i] = color[i];
          }
          pxPos += 4;
        }
      }
    }
    function replaceTransparentColor(indata, outdata, width, height, transColor) {
      let pxPos = 0;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          let makeTrans = false;
          if (transColor.length === 1) {
            if (transColor[0] === indata[pxPos]) {
              makeTrans = true;
            }
          } else if (transColor[0] === indata[pxPos] && transColor[1] === indata[pxPos + 1] && transColor[2] === indata[pxPos + 2]) {
            makeTrans = true;
          }
          if (makeTrans) {
            for (let i = 0; i < 4; i++) {
              outdata[pxPos + i] = 0;
            }
          }
          pxPos += 4;
        }
      }
    }
    function scaleDepth(indata, outdata, width, height, depth) {
      let maxOutSample = 255;
      let maxInSample = Math.pow(2, depth) - 1;
      let pxPos = 0;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          for (let i = 0; i < 4; i++) {
            outdata[pxPos + i] = Math.floor(
              indata[pxPos + i] * maxOutSample / maxInSample + 0.5
            );
          }
          pxPos += 4;
        }
      }
    }
    module.exports = function(indata, imageData, skipRescale = false) {
      let depth = imageData.depth;
      let width = imageData.width;
      let height = imageData.height;
      let colorType = imageData.colorType;
      let transColor = imageData.transColor;
      let palette = imageData.palette;
      let outdata = indata;
      if (colorType === 3) {
        dePalette(indata, outdata, width, height, palette);
      } else {
        if (transColor) {
          replaceTransparentColor(indata, outdata, width, height, transColor);
        }
        if (depth !== 8 && !skipRescale) {
          if (depth === 16) {
            outdata = Buffer.alloc(width * height * 4);
          }
          scaleDepth(indata, outdata, width, height, depth);
        }
      }
      return outdata;
    };
  }
});

// node_modules/pngjs/lib/parser-async.js
var require_parser_async = __commonJS({
  "node_modules/pngjs/lib/parser-async.js"(exports, module) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    var util = __require("util");
    var zlib = __require("zlib");
    var ChunkStream = require_chunkstream();
    var FilterAsync = require_filter_parse_async();
    var Parser = require_parser();
    var bitmapper = require_bitmapper();
    var formatNormaliser = require_format_normaliser();
    var ParserAsync = module.exports = function(options) {
      ChunkStream.call(this);
      this._parser = new Parser(options, {
        read: this.read.bind(this),
        error: this._handleError.bind(this),
        metadata: this._handleMetaData.bind(this),
        gamma: this.emit.bind(this, "gamma"),
        palette: this._handlePalette.bind(this),
        transColor: this._handleTransColor.bind(this),
        finished: this._finished.bind(this),
        inflateData: this._inflateData.bind(this),
        simpleTransparency: this._simpleTransparency.bind(this),
        headersFinished: this._headersFinished.bind(this)
      });
      this._options = options;
      this.writable = true;
      this._parser.start();
    };
    util.inherits(ParserAsync, ChunkStream);
    ParserAsync.prototype._handleError = function(err) {
      this.emit("error", err);
      this.writable = false;
      this.destroy();
      if (this._inflate && this._inflate.destroy) {
        this._inflate.destroy();
      }
      if (this._filter) {
        this._filter.destroy();
        this._filter.on("error", function() {
        });
      }
      this.errord = true;
    };
    ParserAsync.prototype._inflateData = function(data) {
      if (!this._inflate) {
        if (this._bitmapInfo.interlace) {
          this._inflate = zlib.createInflate();
          this._inflate.on("error", this.emit.bind(this, "error"));
          this._filter.on("complete", this._complete.bind(this));
          this._inflate.pipe(this._filter);
        } else {
          let rowSize = (this._bitmapInfo.width * this._bitmapInfo.bpp * this._bitmapInfo.depth + 7 >> 3) + 1;
          let imageSize = rowSize * this._bitmapInfo.height;
          let chunkSize = Math.max(imageSize, zlib.Z_MIN_CHUNK);
          this._inflate = zlib.createInflate({ chunkSize });
          let leftToInflate = imageSize;
          let emitError = this.emit.bind(this, "error");
          this._inflate.on("error", function(err) {
            if (!leftToInflate) {
              return;
            }
            emitError(err);
          });
          this._filter.on("complete", this._complete.bind(this));
          let filterWrite = this._filter.write.bind(this._filter);
          this._inflate.on("data", function(chunk) {
            if (!leftToInflate) {
              return;
            }
            if (chunk.length > leftToInflate) {
              chunk = chunk.slice(0, leftToInflate);
            }
            leftToInflate -= chunk.length;
            filterWrite(chunk);
          });
          this._inflate.on("end", this._filter.end.bind(this._filter));
        }
      }
      this._inflate.write(data);
    };
    ParserAsync.prototype._handleMetaData = function(metaData) {
      this._metaData = metaData;
      this._bitmapInfo = Object.create(metaData);
      this._filter = new FilterAsync(this._bitmapInfo);
    };
    ParserAsync.prototype._handleTransColor = function(transColor) {
      this._bitmapInfo.transColor = transColor;
    };
    ParserAsync.prototype._handlePalette = function(palette) {
      this._bitmapInfo.palette = palette;
    };
    ParserAsync.prototype._simpleTransparency = function() {
      this._metaData.alpha = true;
    };
    ParserAsync.prototype._headersFinished = function() {
      this.emit("metadata", this._metaData);
    };
    ParserAsync.prototype._finished = function() {
      if (this.errord) {
        return;
      }
      if (!this._inflate) {
        this.emit("error", "No Inflate block");
      } else {
        this._inflate.end();
      }
    };
    ParserAsync.prototype._complete = function(filteredData) {
      if (this.errord) {
        return;
      }
      let normalisedBitmapData;
      try {
        let bitmapData = bitmapper.dataToBitMap(filteredData, this._bitmapInfo);
        normalisedBitmapData = formatNormaliser(
          bitmapData,
          this._bitmapInfo,
          this._options.skipRescale
        );
        bitmapData = null;
      } catch (ex) {
        this._handleError(ex);
        return;
      }
      this.emit("parsed", normalisedBitmapData);
    };
  }
});

// node_modules/pngjs/lib/bitpacker.js
var require_bitpacker = __commonJS({
  "node_modules/pngjs/lib/bitpacker.js"(exports, module) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    var constants2 = require_constants();
    module.exports = function(dataIn, width, height, options) {
      let outHasAlpha = [constants2.COLORTYPE_COLOR_ALPHA, constants2.COLORTYPE_ALPHA].indexOf(
        options.colorType
      ) !== -1;
      if (options.colorType === options.inputColorType) {
        let bigEndian = (function() {
          let buffer = new ArrayBuffer(2);
          new DataView(buffer).setInt16(
            0,
            256,
            true
            /* littleEndian */
          );
          return new Int16Array(buffer)[0] !== 256;
        })();
        if (options.bitDepth === 8 || options.bitDepth === 16 && bigEndian) {
          return dataIn;
        }
      }
      let data = options.bitDepth !== 16 ? dataIn : new Uint16Array(dataIn.buffer);
      let maxValue = 255;
      let inBpp = constants2.COLORTYPE_TO_BPP_MAP[options.inputColorType];
      if (inBpp === 4 && !options.inputHasAlpha) {
        inBpp = 3;
      }
      let outBpp = constants2.COLORTYPE_TO_BPP_MAP[options.colorType];
      if (options.bitDepth === 16) {
        maxValue = 65535;
        outBpp *= 2;
      }
      let outData = Buffer.alloc(width * height * outBpp);
      let inIndex = 0;
      let outIndex = 0;
      let bgColor = options.bgColor || {};
      if (bgColor.red === void 0) {
        bgColor.red = maxValue;
      }
      if (bgColor.green === void 0) {
        bgColor.green = maxValue;
      }
      if (bgColor.blue === void 0) {
        bgColor.blue = maxValue;
      }
      function getRGBA() {
        let red;
        let green;
        let blue;
        let alpha = maxValue;
        switch (options.inputColorType) {
          case constants2.COLORTYPE_COLOR_ALPHA:
            alpha = data[inIndex + 3];
            red = data[inIndex];
            green = data[inIndex + 1];
            blue = data[inIndex + 2];
            break;
          case constants2.COLORTYPE_COLOR:
            red = data[inIndex];
            green = data[inIndex + 1];
            blue = data[inIndex + 2];
            break;
          case constants2.COLORTYPE_ALPHA:
            alpha = data[inIndex + 1];
            red = data[inIndex];
            green = red;
            blue = red;
            break;
          case constants2.COLORTYPE_GRAYSCALE:
            red = data[inIndex];
            green = red;
            blue = red;
            break;
          default:
            throw new Error(
              "input color type:" + options.inputColorType + " is not supported at present"
            );
        }
        if (options.inputHasAlpha) {
          if (!outHasAlpha) {
            alpha /= maxValue;
            red = Math.min(
              Math.max(Math.round((1 - alpha) * bgColor.red + alpha * red), 0),
              maxValue
            );
            green = Math.min(
              Math.max(Math.round((1 - alpha) * bgColor.green + alpha * green), 0),
              maxValue
            );
            blue = Math.min(
              Math.max(Math.round((1 - alpha) * bgColor.blue + alpha * blue), 0),
              maxValue
            );
          }
        }
        return { red, green, blue, alpha };
      }
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          let rgba = getRGBA(data, inIndex);
          switch (options.colorType) {
            case constants2.COLORTYPE_COLOR_ALPHA:
            case constants2.COLORTYPE_COLOR:
              if (options.bitDepth === 8) {
                outData[outIndex] = rgba.red;
                outData[outIndex + 1] = rgba.green;
                outData[outIndex + 2] = rgba.blue;
                if (outHasAlpha) {
                  outData[outIndex + 3] = rgba.alpha;
                }
              } else {
                outData.writeUInt16BE(rgba.red, outIndex);
                outData.writeUInt16BE(rgba.green, outIndex + 2);
                outData.writeUInt16BE(rgba.blue, outIndex + 4);
                if (outHasAlpha) {
                  outData.writeUInt16BE(rgba.alpha, outIndex + 6);
                }
              }
              break;
            case constants2.COLORTYPE_ALPHA:
            case constants2.COLORTYPE_GRAYSCALE: {
              let grayscale = (rgba.red + rgba.green + rgba.blue) / 3;
              if (options.bitDepth === 8) {
                outData[outIndex] = grayscale;
                if (outHasAlpha) {
                  outData[outIndex + 1] = rgba.alpha;
                }
              } else {
                outData.writeUInt16BE(grayscale, outIndex);
                if (outHasAlpha) {
                  outData.writeUInt16BE(rgba.alpha, outIndex + 2);
                }
              }
              break;
            }
            default:
              throw new Error("unrecognised color Type " + options.colorType);
          }
          inIndex += inBpp;
          outIndex += outBpp;
        }
      }
      return outData;
    };
  }
});

// node_modules/pngjs/lib/filter-pack.js
var require_filter_pack = __commonJS({
  "node_modules/pngjs/lib/filter-pack.js"(exports, module) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    var paethPredictor = require_paeth_predictor();
    function filterNone(pxData, pxPos, byteWidth, rawData, rawPos) {
      for (let x = 0; x < byteWidth; x++) {
        rawData[rawPos + x] = pxData[pxPos + x];
      }
    }
    function filterSumNone(pxData, pxPos, byteWidth) {
      let sum = 0;
      let length = pxPos + byteWidth;
      for (let i = pxPos; i < length; i++) {
        sum += Math.abs(pxData[i]);
      }
      return sum;
    }
    function filterSub(pxData, pxPos, byteWidth, rawData, rawPos, bpp) {
      for (let x = 0; x < byteWidth; x++) {
        let left = x >= bpp ? pxData[pxPos + x - bpp] : 0;
        let val = pxData[pxPos + x] - left;
        rawData[rawPos + x] = val;
      }
    }
    function filterSumSub(pxData, pxPos, byteWidth, bpp) {
      let sum = 0;
      for (let x = 0; x < byteWidth; x++) {
        let left = x >= bpp ? pxData[pxPos + x - bpp] : 0;
        let val = pxData[pxPos + x] - left;
        sum += Math.abs(val);
      }
      return sum;
    }
    function filterUp(pxData, pxPos, byteWidth, rawData, rawPos) {
      for (let x = 0; x < byteWidth; x++) {
        let up = pxPos > 0 ? pxData[pxPos + x - byteWidth] : 0;
        let val = pxData[pxPos + x] - up;
        rawData[rawPos + x] = val;
      }
    }
    function filterSumUp(pxData, pxPos, byteWidth) {
      let sum = 0;
      let length = pxPos + byteWidth;
      for (let x = pxPos; x < length; x++) {
        let up = pxPos > 0 ? pxData[x - byteWidth] : 0;
        let val = pxData[x] - up;
        sum += Math.abs(val);
      }
      return sum;
    }
    function filterAvg(pxData, pxPos, byteWidth, rawData, rawPos, bpp) {
      for (let x = 0; x < byteWidth; x++) {
        let left = x >= bpp ? pxData[pxPos + x - bpp] : 0;
        let up = pxPos > 0 ? pxData[pxPos + x - byteWidth] : 0;
        let val = pxData[pxPos + x] - (left + up >> 1);
        rawData[rawPos + x] = val;
      }
    }
    function filterSumAvg(pxData, pxPos, byteWidth, bpp) {
      let sum = 0;
      for (let x = 0; x < byteWidth; x++) {
        let left = x >= bpp ? pxData[pxPos + x - bpp] : 0;
        let up = pxPos > 0 ? pxData[pxPos + x - byteWidth] : 0;
        let val = pxData[pxPos + x] - (left + up >> 1);
        sum += Math.abs(val);
      }
      return sum;
    }
    function filterPaeth(pxData, pxPos, byteWidth, rawData, rawPos, bpp) {
      for (let x = 0; x < byteWidth; x++) {
        let left = x >= bpp ? pxData[pxPos + x - bpp] : 0;
        let up = pxPos > 0 ? pxData[pxPos + x - byteWidth] : 0;
        let upleft = pxPos > 0 && x >= bpp ? pxData[pxPos + x - (byteWidth + bpp)] : 0;
        let val = pxData[pxPos + x] - paethPredictor(left, up, upleft);
        rawData[rawPos + x] = val;
      }
    }
    function filterSumPaeth(pxData, pxPos, byteWidth, bpp) {
      let sum = 0;
      for (let x = 0; x < byteWidth; x++) {
        let left = x >= bpp ? pxData[pxPos + x - bpp] : 0;
        let up = pxPos > 0 ? pxData[pxPos + x - byteWidth] : 0;
        let upleft = pxPos > 0 && x >= bpp ? pxData[pxPos + x - (byteWidth + bpp)] : 0;
        let val = pxData[pxPos + x] - paethPredictor(left, up, upleft);
        sum += Math.abs(val);
      }
      return sum;
    }
    var filters = {
      0: filterNone,
      1: filterSub,
      2: filterUp,
      3: filterAvg,
      4: filterPaeth
    };
    var filterSums = {
      0: filterSumNone,
      1: filterSumSub,
      2: filterSumUp,
      3: filterSumAvg,
      4: filterSumPaeth
    };
    module.exports = function(pxData, width, height, options, bpp) {
      let filterTypes;
      if (!("filterType" in options) || options.filterType === -1) {
        filterTypes = [0, 1, 2, 3, 4];
      } else if (typeof options.filterType === "number") {
        filterTypes = [options.filterType];
      } else {
        throw new Error("unrecognised filter types");
      }
      if (options.bitDepth === 16) {
        bpp *= 2;
      }
      let byteWidth = width * bpp;
      let rawPos = 0;
      let pxPos = 0;
      let rawData = Buffer.alloc((byteWidth + 1) * height);
      let sel = filterTypes[0];
      for (let y = 0; y < height; y++) {
        if (filterTypes.length > 1) {
          let min = Infinity;
          for (let i = 0; i < filterTypes.length; i++) {
            let sum = filterSums[filterTypes[i]](pxData, pxPos, byteWidth, bpp);
            if (sum < min) {
              sel = filterTypes[i];
              min = sum;
            }
          }
        }
        rawData[rawPos] = sel;
        rawPos++;
        filters[sel](pxData, pxPos, byteWidth, rawData, rawPos, bpp);
        rawPos += byteWidth;
        pxPos += byteWidth;
      }
      return rawData;
    };
  }
});

// node_modules/pngjs/lib/packer.js
var require_packer = __commonJS({
  "node_modules/pngjs/lib/packer.js"(exports, module) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    var constants2 = require_constants();
    var CrcStream = require_crc();
    var bitPacker = require_bitpacker();
    var filter = require_filter_pack();
    var zlib = __require("zlib");
    var Packer = module.exports = function(options) {
      this._options = options;
      options.deflateChunkSize = options.deflateChunkSize || 32 * 1024;
      options.deflateLevel = options.deflateLevel != null ? options.deflateLevel : 9;
      options.deflateStrategy = options.deflateStrategy != null ? options.deflateStrategy : 3;
      options.inputHasAlpha = options.inputHasAlpha != null ? options.inputHasAlpha : true;
      options.deflateFactory = options.deflateFactory || zlib.createDeflate;
      options.bitDepth = options.bitDepth || 8;
      options.colorType = typeof options.colorType === "number" ? options.colorType : constants2.COLORTYPE_COLOR_ALPHA;
      options.inputColorType = typeof options.inputColorType === "number" ? options.inputColorType : constants2.COLORTYPE_COLOR_ALPHA;
      if ([
        constants2.COLORTYPE_GRAYSCALE,
        constants2.COLORTYPE_COLOR,
        constants2.COLORTYPE_COLOR_ALPHA,
        constants2.COLORTYPE_ALPHA
      ].indexOf(options.colorType) === -1) {
        throw new Error(
          "option color type:" + options.colorType + " is not supported at present"
        );
      }
      if ([
        constants2.COLORTYPE_GRAYSCALE,
        constants2.COLORTYPE_COLOR,
        constants2.COLORTYPE_COLOR_ALPHA,
        constants2.COLORTYPE_ALPHA
      ].indexOf(options.inputColorType) === -1) {
        throw new Error(
          "option input color type:" + options.inputColorType + " is not supported at present"
        );
      }
      if (options.bitDepth !== 8 && options.bitDepth !== 16) {
        throw new Error(
          "option bit depth:" + options.bitDepth + " is not supported at present"
        );
      }
    };
    Packer.prototype.getDeflateOptions = function() {
      return {
        chunkSize: this._options.deflateChunkSize,
        level: this._options.deflateLevel,
        strategy: this._options.deflateStrategy
      };
    };
    Packer.prototype.createDeflate = function() {
      return this._options.deflateFactory(this.getDeflateOptions());
    };
    Packer.prototype.filterData = function(data, width, height) {
      let packedData = bitPacker(data, width, height, this._options);
      let bpp = constants2.COLORTYPE_TO_BPP_MAP[this._options.colorType];
      let filteredData = filter(packedData, width, height, this._options, bpp);
      return filteredData;
    };
    Packer.prototype._packChunk = function(type, data) {
      let len = data ? data.length : 0;
      let buf = Buffer.alloc(len + 12);
      buf.writeUInt32BE(len, 0);
      buf.writeUInt32BE(type, 4);
      if (data) {
        data.copy(buf, 8);
      }
      buf.writeInt32BE(
        CrcStream.crc32(buf.slice(4, buf.length - 4)),
        buf.length - 4
      );
      return buf;
    };
    Packer.prototype.packGAMA = function(gamma) {
      let buf = Buffer.alloc(4);
      buf.writeUInt32BE(Math.floor(gamma * constants2.GAMMA_DIVISION), 0);
      return this._packChunk(constants2.TYPE_gAMA, buf);
    };
    Packer.prototype.packIHDR = function(width, height) {
      let buf = Buffer.alloc(13);
      buf.writeUInt32BE(width, 0);
      buf.writeUInt32BE(height, 4);
      buf[8] = this._options.bitDepth;
      buf[9] = this._options.colorType;
      buf[10] = 0;
      buf[11] = 0;
      buf[12] = 0;
      return this._packChunk(constants2.TYPE_IHDR, buf);
    };
    Packer.prototype.packIDAT = function(data) {
      return this._packChunk(constants2.TYPE_IDAT, data);
    };
    Packer.prototype.packIEND = function() {
      return this._packChunk(constants2.TYPE_IEND, null);
    };
  }
});

// node_modules/pngjs/lib/packer-async.js
var require_packer_async = __commonJS({
  "node_modules/pngjs/lib/packer-async.js"(exports, module) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    var util = __require("util");
    var Stream = __require("stream");
    var constants2 = require_constants();
    var Packer = require_packer();
    var PackerAsync = module.exports = function(opt) {
      Stream.call(this);
      let options = opt || {};
      this._packer = new Packer(options);
      this._deflate = this._packer.createDeflate();
      this.readable = true;
    };
    util.inherits(PackerAsync, Stream);
    PackerAsync.prototype.pack = function(data, width, height, gamma) {
      this.emit("data", Buffer.from(constants2.PNG_SIGNATURE));
      this.emit("data", this._packer.packIHDR(width, height));
      if (gamma) {
        this.emit("data", this._packer.packGAMA(gamma));
      }
      let filteredData = this._packer.filterData(data, width, height);
      this._deflate.on("error", this.emit.bind(this, "error"));
      this._deflate.on(
        "data",
        function(compressedData) {
          this.emit("data", this._packer.packIDAT(compressedData));
        }.bind(this)
      );
      this._deflate.on(
        "end",
        function() {
          this.emit("data", this._packer.packIEND());
          this.emit("end");
        }.bind(this)
      );
      this._deflate.end(filteredData);
    };
  }
});

// node_modules/pngjs/lib/sync-inflate.js
var require_sync_inflate = __commonJS({
  "node_modules/pngjs/lib/sync-inflate.js"(exports, module) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    var assert = __require("assert").ok;
    var zlib = __require("zlib");
    var util = __require("util");
    var kMaxLength = __require("buffer").kMaxLength;
    function Inflate(opts) {
      if (!(this instanceof Inflate)) {
        return new Inflate(opts);
      }
      if (opts && opts.chunkSize < zlib.Z_MIN_CHUNK) {
        opts.chunkSize = zlib.Z_MIN_CHUNK;
      }
      zlib.Inflate.call(this, opts);
      this._offset = this._offset === void 0 ? this._outOffset : this._offset;
      this._buffer = this._buffer || this._outBuffer;
      if (opts && opts.maxLength != null) {
        this._maxLength = opts.maxLength;
      }
    }
    function createInflate(opts) {
      return new Inflate(opts);
    }
    function _close(engine, callback) {
      if (callback) {
        process.nextTick(callback);
      }
      if (!engine._handle) {
        return;
      }
      engine._handle.close();
      engine._handle = null;
    }
    Inflate.prototype._processChunk = function(chunk, flushFlag, asyncCb) {
      if (typeof asyncCb === "function") {
        return zlib.Inflate._processChunk.call(this, chunk, flushFlag, asyncCb);
      }
      let self = this;
      let availInBefore = chunk && chunk.length;
      let availOutBefore = this._chunkSize - this._offset;
      let leftToInflate = this._maxLength;
      let inOff = 0;
      let buffers = [];
      let nread = 0;
      let error;
      this.on("error", function(err) {
        error = err;
      });
      function handleChunk(availInAfter, availOutAfter) {
        if (self._hadError) {
          return;
        }
        let have = availOutBefore - availOutAfter;
        assert(have >= 0, "have should not go down");
        if (have > 0) {
          let out = self._buffer.slice(self._offset, self._offset + have);
          self._offset += have;
          if (out.length > leftToInflate) {
            out = out.slice(0, leftToInflate);
          }
          buffers.push(out);
          nread += out.length;
          leftToInflate -= out.length;
          if (leftToInflate === 0) {
            return false;
          }
        }
        if (availOutAfter === 0 || self._offset >= self._chunkSize) {
          availOutBefore = self._chunkSize;
          self._offset = 0;
          self._buffer = Buffer.allocUnsafe(self._chunkSize);
        }
        if (availOutAfter === 0) {
          inOff += availInBefore - availInAfter;
          availInBefore = availInAfter;
          return true;
        }
        return false;
      }
      assert(this._handle, "zlib binding closed");
      let res;
      do {
        res = this._handle.writeSync(
          flushFlag,
          chunk,
          // in
          inOff,
          // in_off
          availInBefore,
          // in_len
          this._buffer,
          // out
          this._offset,
          //out_off
          availOutBefore
        );
        res = res || this._writeState;
      } while (!this._hadError && handleChunk(res[0], res[1]));
      if (this._hadError) {
        throw error;
      }
      if (nread >= kMaxLength) {
        _close(this);
        throw new RangeError(
          "Cannot create final Buffer. It would be larger than 0x" + kMaxLength.toString(16) + " bytes"
        );
      }
      let buf = Buffer.concat(buffers, nread);
      _close(this);
      return buf;
    };
    util.inherits(Inflate, zlib.Inflate);
    function zlibBufferSync(engine, buffer) {
      if (typeof buffer === "string") {
        buffer = Buffer.from(buffer);
      }
      if (!(buffer instanceof Buffer)) {
        throw new TypeError("Not a string or buffer");
      }
      let flushFlag = engine._finishFlushFlag;
      if (flushFlag == null) {
        flushFlag = zlib.Z_FINISH;
      }
      return engine._processChunk(buffer, flushFlag);
    }
    function inflateSync(buffer, opts) {
      return zlibBufferSync(new Inflate(opts), buffer);
    }
    module.exports = exports = inflateSync;
    exports.Inflate = Inflate;
    exports.createInflate = createInflate;
    exports.inflateSync = inflateSync;
  }
});

// node_modules/pngjs/lib/sync-reader.js
var require_sync_reader = __commonJS({
  "node_modules/pngjs/lib/sync-reader.js"(exports, module) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    var SyncReader = module.exports = function(buffer) {
      this._buffer = buffer;
      this._reads = [];
    };
    SyncReader.prototype.read = function(length, callback) {
      this._reads.push({
        length: Math.abs(length),
        // if length < 0 then at most this length
        allowLess: length < 0,
        func: callback
      });
    };
    SyncReader.prototype.process = function() {
      while (this._reads.length > 0 && this._buffer.length) {
        let read = this._reads[0];
        if (this._buffer.length && (this._buffer.length >= read.length || read.allowLess)) {
          this._reads.shift();
          let buf = this._buffer;
          this._buffer = buf.slice(read.length);
          read.func.call(this, buf.slice(0, read.length));
        } else {
          break;
        }
      }
      if (this._reads.length > 0) {
        throw new Error("There are some read requests waitng on finished stream");
      }
      if (this._buffer.length > 0) {
        throw new Error("unrecognised content at end of stream");
      }
    };
  }
});

// node_modules/pngjs/lib/filter-parse-sync.js
var require_filter_parse_sync = __commonJS({
  "node_modules/pngjs/lib/filter-parse-sync.js"(exports) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    var SyncReader = require_sync_reader();
    var Filter = require_filter_parse();
    exports.process = function(inBuffer, bitmapInfo) {
      let outBuffers = [];
      let reader = new SyncReader(inBuffer);
      let filter = new Filter(bitmapInfo, {
        read: reader.read.bind(reader),
        write: function(bufferPart) {
          outBuffers.push(bufferPart);
        },
        complete: function() {
        }
      });
      filter.start();
      reader.process();
      return Buffer.concat(outBuffers);
    };
  }
});

// node_modules/pngjs/lib/parser-sync.js
var require_parser_sync = __commonJS({
  "node_modules/pngjs/lib/parser-sync.js"(exports, module) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    var hasSyncZlib = true;
    var zlib = __require("zlib");
    var inflateSync = require_sync_inflate();
    if (!zlib.deflateSync) {
      hasSyncZlib = false;
    }
    var SyncReader = require_sync_reader();
    var FilterSync = require_filter_parse_sync();
    var Parser = require_parser();
    var bitmapper = require_bitmapper();
    var formatNormaliser = require_format_normaliser();
    module.exports = function(buffer, options) {
      if (!hasSyncZlib) {
        throw new Error(
          "To use the sync capability of this library in old node versions, please pin pngjs to v2.3.0"
        );
      }
      let err;
      function handleError(_err_) {
        err = _err_;
      }
      let metaData;
      function handleMetaData(_metaData_) {
        metaData = _metaData_;
      }
      function handleTransColor(transColor) {
        metaData.transColor = transColor;
      }
      function handlePalette(palette) {
        metaData.palette = palette;
      }
      function handleSimpleTransparency() {
        metaData.alpha = true;
      }
      let gamma;
      function handleGamma(_gamma_) {
        gamma = _gamma_;
      }
      let inflateDataList = [];
      function handleInflateData(inflatedData2) {
        inflateDataList.push(inflatedData2);
      }
      let reader = new SyncReader(buffer);
      let parser = new Parser(options, {
        read: reader.read.bind(reader),
        error: handleError,
        metadata: handleMetaData,
        gamma: handleGamma,
        palette: handlePalette,
        transColor: handleTransColor,
        inflateData: handleInflateData,
        simpleTransparency: handleSimpleTransparency
      });
      parser.start();
      reader.process();
      if (err) {
        throw err;
      }
      let inflateData = Buffer.concat(inflateDataList);
      inflateDataList.length = 0;
      let inflatedData;
      if (metaData.interlace) {
        inflatedData = zlib.inflateSync(inflateData);
      } else {
        let rowSize = (metaData.width * metaData.bpp * metaData.depth + 7 >> 3) + 1;
        let imageSize = rowSize * metaData.height;
        inflatedData = inflateSync(inflateData, {
          chunkSize: imageSize,
          maxLength: imageSize
        });
      }
      inflateData = null;
      if (!inflatedData || !inflatedData.length) {
        throw new Error("bad png - invalid inflate data response");
      }
      let unfilteredData = FilterSync.process(inflatedData, metaData);
      inflateData = null;
      let bitmapData = bitmapper.dataToBitMap(unfilteredData, metaData);
      unfilteredData = null;
      let normalisedBitmapData = formatNormaliser(
        bitmapData,
        metaData,
        options.skipRescale
      );
      metaData.data = normalisedBitmapData;
      metaData.gamma = gamma || 0;
      return metaData;
    };
  }
});

// node_modules/pngjs/lib/packer-sync.js
var require_packer_sync = __commonJS({
  "node_modules/pngjs/lib/packer-sync.js"(exports, module) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    var hasSyncZlib = true;
    var zlib = __require("zlib");
    if (!zlib.deflateSync) {
      hasSyncZlib = false;
    }
    var constants2 = require_constants();
    var Packer = require_packer();
    module.exports = function(metaData, opt) {
      if (!hasSyncZlib) {
        throw new Error(
          "To use the sync capability of this library in old node versions, please pin pngjs to v2.3.0"
        );
      }
      let options = opt || {};
      let packer = new Packer(options);
      let chunks = [];
      chunks.push(Buffer.from(constants2.PNG_SIGNATURE));
      chunks.push(packer.packIHDR(metaData.width, metaData.height));
      if (metaData.gamma) {
        chunks.push(packer.packGAMA(metaData.gamma));
      }
      let filteredData = packer.filterData(
        metaData.data,
        metaData.width,
        metaData.height
      );
      let compressedData = zlib.deflateSync(
        filteredData,
        packer.getDeflateOptions()
      );
      filteredData = null;
      if (!compressedData || !compressedData.length) {
        throw new Error("bad png - invalid compressed data response");
      }
      chunks.push(packer.packIDAT(compressedData));
      chunks.push(packer.packIEND());
      return Buffer.concat(chunks);
    };
  }
});

// node_modules/pngjs/lib/png-sync.js
var require_png_sync = __commonJS({
  "node_modules/pngjs/lib/png-sync.js"(exports) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    var parse = require_parser_sync();
    var pack = require_packer_sync();
    exports.read = function(buffer, options) {
      return parse(buffer, options || {});
    };
    exports.write = function(png2, options) {
      return pack(png2, options);
    };
  }
});

// node_modules/pngjs/lib/png.js
var require_png = __commonJS({
  "node_modules/pngjs/lib/png.js"(exports) {
    "use strict";
    init_define_globalThis_STORESHOTS_NATIVES();
    var util = __require("util");
    var Stream = __require("stream");
    var Parser = require_parser_async();
    var Packer = require_packer_async();
    var PNGSync = require_png_sync();
    var PNG2 = exports.PNG = function(options) {
      Stream.call(this);
      options = options || {};
      this.width = options.width | 0;
      this.height = options.height | 0;
      this.data = this.width > 0 && this.height > 0 ? Buffer.alloc(4 * this.width * this.height) : null;
      if (options.fill && this.data) {
        this.data.fill(0);
      }
      this.gamma = 0;
      this.readable = this.writable = true;
      this._parser = new Parser(options);
      this._parser.on("error", this.emit.bind(this, "error"));
      this._parser.on("close", this._handleClose.bind(this));
      this._parser.on("metadata", this._metadata.bind(this));
      this._parser.on("gamma", this._gamma.bind(this));
      this._parser.on(
        "parsed",
        function(data) {
          this.data = data;
          this.emit("parsed", data);
        }.bind(this)
      );
      this._packer = new Packer(options);
      this._packer.on("data", this.emit.bind(this, "data"));
      this._packer.on("end", this.emit.bind(this, "end"));
      this._parser.on("close", this._handleClose.bind(this));
      this._packer.on("error", this.emit.bind(this, "error"));
    };
    util.inherits(PNG2, Stream);
    PNG2.sync = PNGSync;
    PNG2.prototype.pack = function() {
      if (!this.data || !this.data.length) {
        this.emit("error", "No data provided");
        return this;
      }
      process.nextTick(
        function() {
          this._packer.pack(this.data, this.width, this.height, this.gamma);
        }.bind(this)
      );
      return this;
    };
    PNG2.prototype.parse = function(data, callback) {
      if (callback) {
        let onParsed, onError;
        onParsed = function(parsedData) {
          this.removeListener("error", onError);
          this.data = parsedData;
          callback(null, this);
        }.bind(this);
        onError = function(err) {
          this.removeListener("parsed", onParsed);
          callback(err, null);
        }.bind(this);
        this.once("parsed", onParsed);
        this.once("error", onError);
      }
      this.end(data);
      return this;
    };
    PNG2.prototype.write = function(data) {
      this._parser.write(data);
      return true;
    };
    PNG2.prototype.end = function(data) {
      this._parser.end(data);
    };
    PNG2.prototype._metadata = function(metadata) {
      this.width = metadata.width;
      this.height = metadata.height;
      this.emit("metadata", metadata);
    };
    PNG2.prototype._gamma = function(gamma) {
      this.gamma = gamma;
    };
    PNG2.prototype._handleClose = function() {
      if (!this._parser.writable && !this._packer.readable) {
        this.emit("close");
      }
    };
    PNG2.bitblt = function(src, dst, srcX, srcY, width, height, deltaX, deltaY) {
      srcX |= 0;
      srcY |= 0;
      width |= 0;
      height |= 0;
      deltaX |= 0;
      deltaY |= 0;
      if (srcX > src.width || srcY > src.height || srcX + width > src.width || srcY + height > src.height) {
        throw new Error("bitblt reading outside image");
      }
      if (deltaX > dst.width || deltaY > dst.height || deltaX + width > dst.width || deltaY + height > dst.height) {
        throw new Error("bitblt writing outside image");
      }
      for (let y = 0; y < height; y++) {
        src.data.copy(
          dst.data,
          (deltaY + y) * dst.width + deltaX << 2,
          (srcY + y) * src.width + srcX << 2,
          (srcY + y) * src.width + srcX + width << 2
        );
      }
    };
    PNG2.prototype.bitblt = function(dst, srcX, srcY, width, height, deltaX, deltaY) {
      PNG2.bitblt(this, dst, srcX, srcY, width, height, deltaX, deltaY);
      return this;
    };
    PNG2.adjustGamma = function(src) {
      if (src.gamma) {
        for (let y = 0; y < src.height; y++) {
          for (let x = 0; x < src.width; x++) {
            let idx = src.width * y + x << 2;
            for (let i = 0; i < 3; i++) {
              let sample = src.data[idx + i] / 255;
              sample = Math.pow(sample, 1 / 2.2 / src.gamma);
              src.data[idx + i] = Math.round(sample * 255);
            }
          }
        }
        src.gamma = 0;
      }
    };
    PNG2.prototype.adjustGamma = function() {
      PNG2.adjustGamma(this);
    };
  }
});

// src/render/pool.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
var BYTES_PER_THREAD = 320 * 1024 * 1024;
var DECODE_BUDGET = 96 * 1024 * 1024;
var MIN_DECODE_BUDGET = 48 * 1024 * 1024;
function poolSize(wanted, batches) {
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  const byMemory = Math.max(1, Math.floor(os.totalmem() / BYTES_PER_THREAD));
  return Math.max(1, Math.min(wanted ?? cores, byMemory, batches));
}
function decodeBudget(threads) {
  return Math.max(MIN_DECODE_BUDGET, Math.floor(DECODE_BUDGET / threads));
}
function defaultWorkerFile() {
  return path.join(packageRoot(), "dist/render/worker.js");
}
var RenderPool = class _RenderPool {
  constructor(pool, held) {
    this.pool = pool;
    this.held = held;
    pool.on("error", (e) => {
      this.failure ??= e;
    });
  }
  pool;
  held;
  /** Tasks handed to the threads so far, by kind; `facts` counts the measuring of a set's facts, alone or ahead of a batch (tests check it is once per set). */
  tasks = { batch: 0, facts: 0, lint: 0, output: 0 };
  /** An error the pool raised outside any task (e.g. a reply from a worker whose task was aborted): kept, never thrown from an event. */
  failure;
  /** A pool of up to `threads` workers, or why there is none (the caller renders in-process). */
  static async open(threads, opts = {}) {
    const workerFile = opts.workerFile ?? defaultWorkerFile();
    if (!existsSync(workerFile))
      return { unavailable: `the render worker ${workerFile} is missing (run "npm run build")` };
    let Piscina;
    try {
      ({ Piscina } = await import("piscina"));
    } catch (e) {
      return { unavailable: `piscina cannot be loaded (${errorMessage(e).split("\n")[0]})` };
    }
    const held = new Int32Array(new SharedArrayBuffer(8));
    const pool = new Piscina({
      filename: workerFile,
      minThreads: opts.minThreads ?? threads,
      maxThreads: threads,
      idleTimeout: opts.idleTimeoutMs ?? 1e3,
      concurrentTasksPerWorker: 1,
      workerData: { held }
    });
    return new _RenderPool(pool, held);
  }
  /** Threads running now. */
  get threads() {
    return this.pool.threads.length;
  }
  /** Tasks waiting for a thread. */
  get queueSize() {
    return this.pool.queueSize;
  }
  /** Share of the threads' capacity used since start (0-1). */
  get utilization() {
    return this.pool.utilization;
  }
  /** Bytes of decode memory the threads hold now (BatchTask.cost), and the most they held at once since start. */
  get decodeHeld() {
    return { now: Atomics.load(this.held, 0) * 1024, peak: Atomics.load(this.held, 1) * 1024 };
  }
  /** Renders a batch on a thread. */
  run(task, signal, transferList) {
    this.tasks.batch++;
    if (task.measure) this.tasks.facts++;
    return this.pool.run(task, { signal, transferList });
  }
  /** Lints a finished set on a thread. */
  lint(task, signal) {
    this.tasks.lint++;
    return this.pool.run(task, { name: "lint", signal });
  }
  /** Makes one output of a finished job on a thread (worker.ts `output`: publish/set-outputs.ts makeOutputFile). */
  output(task, signal) {
    this.tasks.output++;
    return this.pool.run(task, { name: "output", signal });
  }
  async close() {
    await this.pool.destroy();
  }
};

// src/capture/browser.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { accessSync, constants, statSync } from "node:fs";
import path2 from "node:path";
var BROWSER_NAMES = ["chromium", "chromium-browser"];
function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
function findBrowser(configured, env) {
  const given = configured ?? (env.STORESHOTS_BROWSER?.trim() || void 0);
  if (given) return executable(given) ? { path: given } : { problem: `${given} is not an executable file` };
  for (const dir of (env.PATH ?? "").split(path2.delimiter).filter(Boolean)) {
    for (const name of BROWSER_NAMES) {
      const file = path2.join(dir, name);
      if (executable(file)) return { path: file };
    }
  }
  return {};
}

// src/server/address.ts
init_define_globalThis_STORESHOTS_NATIVES();
var import_ipaddr = __toESM(require_ipaddr(), 1);
import dns from "node:dns";
var UrlRefusedError = class extends Error {
  code = "url_refused";
  constructor(message) {
    super(message);
    this.name = "UrlRefusedError";
  }
};
var FetchError = class extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
    this.name = "FetchError";
  }
  code;
};
var PRIVATE_RANGES = /* @__PURE__ */ new Set(["private", "loopback", "uniqueLocal"]);
function embeddedIPv4(addr) {
  const p = addr.parts;
  const v4 = (hi, lo) => new import_ipaddr.default.IPv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
  const zero = (from, to) => p.slice(from, to).every((x) => x === 0);
  if (zero(0, 5) && p[5] === 65535) return { form: "IPv4-mapped", addresses: [v4(p[6], p[7])] };
  if (zero(0, 4) && p[4] === 65535 && p[5] === 0) return { form: "IPv4-translated", addresses: [v4(p[6], p[7])] };
  if (zero(0, 6) && !(p[6] === 0 && (p[7] === 0 || p[7] === 1)))
    return { form: "IPv4-compatible", addresses: [v4(p[6], p[7])] };
  if (p[0] === 100 && p[1] === 65435 && zero(2, 6)) return { form: "NAT64", addresses: [v4(p[6], p[7])] };
  if (p[0] === 8194) return { form: "6to4", addresses: [v4(p[1], p[2])] };
  if (p[0] === 8193 && p[1] === 0)
    return { form: "Teredo", addresses: [v4(p[2], p[3]), v4(~p[6] & 65535, ~p[7] & 65535)] };
  return void 0;
}
function refusedAddress(ip, allowPrivate) {
  let addr;
  try {
    addr = import_ipaddr.default.parse(ip.includes(":") && ip.includes(".") ? new URL(`http://[${ip}]/`).hostname.slice(1, -1) : ip);
  } catch {
    return `"${ip}" is not an IP address`;
  }
  const why = (a) => {
    const range = a.range();
    if (range === "unicast") return void 0;
    if (allowPrivate && PRIVATE_RANGES.has(range)) return void 0;
    return `a ${range} address`;
  };
  if (addr.kind() === "ipv6") {
    const v6 = addr;
    if (v6.match(import_ipaddr.default.IPv6.parse("64:ff9b:1::"), 48)) return `${ip} is a local-use NAT64 address`;
    const embedded = embeddedIPv4(v6);
    if (embedded) {
      for (const a of embedded.addresses) {
        const w2 = why(a);
        if (w2) return `${ip} is ${embedded.form} IPv6 for ${a.toString()}, ${w2}`;
      }
      return void 0;
    }
  }
  const w = why(addr);
  return w ? `${ip} is ${w}` : void 0;
}
var bareHost = (hostname) => hostname.replace(/^\[|\]$/g, "");
async function resolveChecked(hostname, allowPrivate) {
  const host = bareHost(hostname);
  if (import_ipaddr.default.isValid(host)) {
    const why = refusedAddress(host, allowPrivate);
    if (why) throw new UrlRefusedError(`refused to reach ${hostname}: ${why}`);
    return [{ address: host, family: host.includes(":") ? 6 : 4 }];
  }
  let list;
  try {
    list = await dns.promises.lookup(host, { all: true, verbatim: true });
  } catch (e) {
    throw new FetchError(
      "fetch_failed",
      `cannot resolve ${hostname}: ${e.code ?? errorMessage(e)}`
    );
  }
  for (const a of list) {
    const why = refusedAddress(a.address, allowPrivate);
    if (why) throw new UrlRefusedError(`refused to reach ${hostname}: it resolves to ${why}`);
  }
  if (list.length === 0) throw new FetchError("fetch_failed", `${hostname} has no addresses`);
  return list;
}

// src/manifest/theme.ts
init_define_globalThis_STORESHOTS_NATIVES();
var import_fastest_levenshtein = __toESM(require_mod(), 1);
import { existsSync as existsSync2, readFileSync, readdirSync } from "node:fs";
import path3 from "node:path";
var DEFAULT_THEME = "aurora";
function styleErrors(style) {
  const validateStyle = validator("style");
  if (validateStyle(style)) return [];
  return (validateStyle.errors ?? []).map(
    (e) => `style${e.instancePath.replace(/\//g, ".")} ${e.message}${e.keyword === "additionalProperties" ? ` (${e.params.additionalProperty})` : ""}`
  );
}
function builtinThemes() {
  return readdirSync(path3.join(packageRoot(), "templates")).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort();
}
function loadTheme(ref, baseDir, cwd = process.cwd()) {
  const name = ref ?? DEFAULT_THEME;
  const isPath = name.includes("/") || name.endsWith(".json");
  let file;
  if (isPath) {
    file = resolveInside(baseDir, name, cwd);
    if (!file) throw new UserError(`theme path "${name}" leaves the manifest's folder and the working directory`);
    if (!existsSync2(file)) throw new UserError(`theme file "${name}" does not exist`);
  } else {
    const names = builtinThemes();
    if (!names.includes(name)) {
      throw new UserError(
        `Unknown theme "${name}" (did you mean "${(0, import_fastest_levenshtein.closest)(name, names)}"?); built-in themes: ${names.join(", ")}`
      );
    }
    file = path3.join(packageRoot(), "templates", `${name}.json`);
  }
  let data;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new UserError(`theme ${name}: invalid JSON: ${errorMessage(e)}`);
  }
  const t = data;
  if (!t || typeof t !== "object" || !t.style || typeof t.style !== "object") {
    throw new UserError(`theme ${name}: expected an object with a "style" object`);
  }
  const errors = styleErrors(t.style);
  if (errors.length) throw new UserError(`theme ${name} (${file}): ${errors.join("; ")}`);
  return { name: t.name ?? name, description: t.description, style: t.style };
}

// src/plan/output-path.ts
init_define_globalThis_STORESHOTS_NATIVES();
var nn = (i) => String(i).padStart(2, "0");
function deliverSafeName(stem, displayType) {
  let name = stem.replace(/_framed$/i, "-framed");
  if (displayType === "APP_APPLE_TV") name = name.replace(/vision/gi, (m) => `${m.slice(0, 3)}-${m.slice(3)}`);
  if (displayType === "APP_IPAD_PRO_3GEN_129") name = name.replace(/app_ipad_pro_129/gi, "app-ipad-pro-129");
  return name;
}
function outputPath(layout, j) {
  const top = j.appearance && (layout === "flat" || j.alternate || PSEUDO_LOCALES.includes(j.locale)) ? `${j.appearance}/` : "";
  const rel = storePath(layout, j);
  return rel === void 0 ? void 0 : `${top}${rel}`;
}
function storePath(layout, j) {
  if (layout === "flat" || PSEUDO_LOCALES.includes(j.locale))
    return `${j.locale}/${j.preset}/${nn(j.index)}-${j.slide}.${j.ext}`;
  const preset = getPreset(j.preset.split("@")[0]);
  if (!preset) return void 0;
  const code = storeLocale(preset.store, j.locale);
  if (!code) return void 0;
  if (preset.store === "appstore") {
    const name = j.preset.replace("@", "-");
    return `fastlane/screenshots/${code}/${deliverSafeName(`${nn(j.index)}_${name}_${j.slide}`, preset.displayType)}.${j.ext}`;
  }
  const base = `fastlane/metadata/android/${code}/images`;
  if (preset.playFolder === "featureGraphic") return `${base}/featureGraphic.${j.ext}`;
  return `${base}/${preset.playFolder}/${nn(j.index)}_${j.slide}.${j.ext}`;
}

// src/project.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { readFileSync as readFileSync4 } from "node:fs";
import path8 from "node:path";

// src/manifest/strings.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { existsSync as existsSync3, readFileSync as readFileSync2, statSync as statSync2 } from "node:fs";
import path4 from "node:path";

// src/l10n/text.ts
init_define_globalThis_STORESHOTS_NATIVES();
function decodeStringsFile(buf, file) {
  if (buf.length >= 3 && buf[0] === 239 && buf[1] === 187 && buf[2] === 191) return utf8(buf.subarray(3), file);
  if (buf.length >= 2 && buf[0] === 255 && buf[1] === 254) return new TextDecoder("utf-16le").decode(buf.subarray(2));
  if (buf.length >= 2 && buf[0] === 254 && buf[1] === 255) return new TextDecoder("utf-16be").decode(buf.subarray(2));
  if (buf.length >= 4 && buf.length % 2 === 0) {
    if (buf[0] !== 0 && buf[1] === 0 && buf[3] === 0) return new TextDecoder("utf-16le").decode(buf);
    if (buf[0] === 0 && buf[1] !== 0 && buf[2] === 0) return new TextDecoder("utf-16be").decode(buf);
  }
  return utf8(buf, file);
}
function utf8(buf, file) {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buf);
  } catch {
    const bad = firstInvalidUtf8(buf);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < bad; i++) if (buf[i] === 10) line++, lineStart = i + 1;
    const column = new TextDecoder().decode(buf.subarray(lineStart, bad)).length + 1;
    return stringsError(
      file,
      line,
      column,
      "not valid UTF-8 (save the file as UTF-8, or UTF-16 with a byte order mark)"
    );
  }
}
function firstInvalidUtf8(buf) {
  for (let i = 0; i < buf.length; ) {
    const b = buf[i];
    const n = b < 128 ? 1 : b >= 194 && b <= 223 ? 2 : b >= 224 && b <= 239 ? 3 : b >= 240 && b <= 244 ? 4 : 0;
    if (n === 0 || i + n > buf.length) return i;
    for (let k = 1; k < n; k++) if ((buf[i + k] & 192) !== 128) return i;
    i += n;
  }
  return buf.length;
}
function lineColAt(text, offset) {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
function stringsError(file, line, column, message, what = "strings file") {
  throw new UserError([{ severity: "error", message: `Invalid ${what}: ${message}`, at: { file, line, column } }]);
}
function stringsErrorAt(file, text, offset, message, what) {
  const { line, column } = lineColAt(text, offset);
  return stringsError(file, line, column, message, what);
}

// src/l10n/json.ts
init_define_globalThis_STORESHOTS_NATIVES();
var import_yaml = __toESM(require_dist(), 1);
function blankJsonComments(text) {
  let out = "";
  const lines = [];
  let line = 1;
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== "\n") j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      if (text[j] === "\n") line++;
      i = j + 1;
      continue;
    }
    if (c === "/" && (text[i + 1] === "/" || text[i + 1] === "*")) {
      const block = text[i + 1] === "*";
      let end = block ? text.indexOf("*/", i + 2) : text.indexOf("\n", i);
      if (end < 0) end = text.length;
      else if (block) end += 2;
      lines.push(line);
      const body = text.slice(i, end);
      out += body.replace(/[^\n]/g, " ");
      line += body.split("\n").length - 1;
      i = end;
      continue;
    }
    if (c === "\n") line++;
    out += c;
    i++;
  }
  return { text: out, lines };
}
function parseJsonText(text, file, what) {
  const src = text.charCodeAt(0) === 65279 ? text.slice(1) : text;
  try {
    return JSON.parse(src);
  } catch (e) {
    const msg = errorMessage(e);
    const pos = /at position (\d+)/.exec(msg);
    const offset = pos ? Number(pos[1]) : src.length;
    let why = msg.replace(/ in JSON at position \d+.*$/, "").replace(/\s*\(line \d+ column \d+\)$/, "");
    if (/^[\s]*[}\]]/.test(src.slice(offset)) && /,\s*$/.test(src.slice(0, offset)))
      why += " (a trailing comma before it: remove the comma)";
    return stringsErrorAt(file, src, offset, `invalid JSON: ${why}`, what);
  }
}
function jsonLineOf(text, keyPath) {
  const lc = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter: lc, uniqueKeys: false, strict: false });
  let node = doc.contents;
  let offset = node?.range?.[0] ?? 0;
  for (const seg of keyPath) {
    if (!node || !("items" in node)) break;
    const items = node.items;
    const next = typeof seg === "number" ? items[seg] : items.find((it) => (0, import_yaml.isPair)(it) && (0, import_yaml.isScalar)(it.key) && String(it.key.value) === seg);
    if (next === void 0) break;
    if ((0, import_yaml.isPair)(next)) {
      offset = next.key?.range?.[0] ?? offset;
      node = next.value;
    } else {
      node = next;
      offset = node.range?.[0] ?? offset;
    }
  }
  const { line, col } = lc.linePos(offset);
  return { line, column: col };
}
function jsonError(file, text, keyPath, message) {
  const { line, column } = jsonLineOf(text, keyPath);
  return stringsError(file, line, column, message);
}
var parseJsonStrings = (text, ctx) => {
  const data = parseJsonText(text, ctx.file);
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    return jsonError(ctx.file, text, [], 'expected an object of "key": "text" pairs at the top of the file');
  }
  const out = { values: {} };
  const walk = (v, keyPath) => {
    if (typeof v === "string") out.values[keyPath.join(".")] = v;
    else if (v && typeof v === "object" && !Array.isArray(v)) {
      for (const [k, c] of Object.entries(v)) walk(c, [...keyPath, k]);
    } else if (v !== null && !Array.isArray(v)) {
      jsonError(ctx.file, text, keyPath, `expected text for "${keyPath.join(".")}" but found ${typeof v} ${String(v)}`);
    }
  };
  walk(data, []);
  return out;
};

// src/l10n/apple-strings.ts
init_define_globalThis_STORESHOTS_NATIVES();
var UNQUOTED = /[A-Za-z0-9_$+/:.-]/;
var parseAppleStrings = (text, ctx) => {
  const file = ctx.file;
  const src = text.charCodeAt(0) === 65279 ? text.slice(1) : text;
  if (src.startsWith("bplist"))
    stringsErrorAt(
      file,
      src,
      0,
      "this is a compiled (binary) .strings file; point storeshots at the source file in your project"
    );
  if (/^\s*<\?xml/.test(src))
    stringsErrorAt(
      file,
      src,
      src.indexOf("<"),
      'this is an XML property list; storeshots reads text .strings files ("key" = "value";)'
    );
  const out = { values: {}, lines: {} };
  let i = 0;
  let line = 1;
  const fail = (at, message) => stringsErrorAt(file, src, at, message);
  const skip = () => {
    for (; ; ) {
      const c = src[i];
      if (c === void 0) return;
      if (c === "\n") line++, i++;
      else if (c === " " || c === "	" || c === "\r" || c === "\f" || c === "\v" || c === "\u2028") i++;
      else if (c === "/" && src[i + 1] === "*") {
        const end = src.indexOf("*/", i + 2);
        if (end < 0) fail(i, "comment opened here is never closed (missing */)");
        for (let k = i; k < end; k++) if (src[k] === "\n") line++;
        i = end + 2;
      } else if (c === "/" && src[i + 1] === "/") {
        while (i < src.length && src[i] !== "\n") i++;
      } else return;
    }
  };
  const str = (what) => {
    const start = i;
    if (src[i] === '"') {
      i++;
      let s2 = "";
      for (; ; ) {
        const c = src[i];
        if (c === void 0) fail(start, `${what} opened here has no closing quote`);
        if (c === '"') {
          i++;
          return s2;
        }
        if (c === "\n") line++;
        if (c === "\\") {
          const e = src[i + 1];
          i += 2;
          switch (e) {
            case "n":
              s2 += "\n";
              break;
            case "t":
              s2 += "	";
              break;
            case "r":
              s2 += "\r";
              break;
            case "a":
              s2 += "\x07";
              break;
            case "b":
              s2 += "\b";
              break;
            case "f":
              s2 += "\f";
              break;
            case "v":
              s2 += "\v";
              break;
            case "U":
            case "u": {
              const hex2 = src.slice(i, i + 4);
              if (!/^[0-9A-Fa-f]{4}$/.test(hex2)) fail(i - 2, `\\${e} must be followed by 4 hex digits, found "${hex2}"`);
              s2 += String.fromCharCode(parseInt(hex2, 16));
              i += 4;
              break;
            }
            case void 0:
              fail(start, `${what} opened here has no closing quote`);
              break;
            default:
              if (/[0-7]/.test(e)) {
                const oct = /^[0-7]{1,3}/.exec(src.slice(i - 1))[0];
                s2 += String.fromCharCode(parseInt(oct, 8));
                i += oct.length - 1;
              } else {
                if (e === "\n") line++;
                s2 += e;
              }
          }
          continue;
        }
        s2 += c;
        i++;
      }
    }
    let s = "";
    while (i < src.length && UNQUOTED.test(src[i])) s += src[i++];
    if (!s) {
      const found = src[i] === void 0 ? "the end of the file" : JSON.stringify(src[i]);
      fail(i, `expected ${what} (a "quoted" string) but found ${found}`);
    }
    return s;
  };
  skip();
  let braced = false;
  if (src[i] === "{") {
    braced = true;
    i++;
  }
  for (; ; ) {
    skip();
    if (i >= src.length) {
      if (braced) fail(i, "the { at the start of the file is never closed");
      break;
    }
    if (braced && src[i] === "}") {
      i++;
      skip();
      if (i < src.length) fail(i, "text after the closing }");
      break;
    }
    const keyLine = line;
    const key = str("a key");
    let end = i;
    skip();
    let value;
    if (src[i] === ";") value = key;
    else {
      if (src[i] !== "=")
        fail(
          end,
          `expected = after the key "${key}" but found ${src[i] === void 0 ? "the end of the file" : JSON.stringify(src[i])}`
        );
      i++;
      skip();
      const valueStart = i;
      value = str(`the value of "${key}"`);
      end = i;
      skip();
      if (src[i] !== ";" && src[valueStart] === '"' && src.slice(valueStart, end).includes("\n")) {
        fail(valueStart, `the value of "${key}" that starts here runs over several lines: is its closing " missing?`);
      }
    }
    if (src[i] !== ";") {
      const lineEnded = i >= src.length || src.slice(end, i).includes("\n");
      if (!(ctx.dialect === "frameit" && lineEnded))
        fail(
          end,
          `expected ; after the entry "${key}" but found ${src[i] === void 0 ? "the end of the file" : JSON.stringify(src[i])}`
        );
      const { line: wl, column: wc } = lineColAt(src, end);
      (out.warnings ??= []).push({
        line: wl,
        column: wc,
        message: `the entry "${key}" has no closing ";" (frameit reads it anyway; Xcode would not): add the ";"`
      });
      out.values[key] = value;
      out.lines[key] = keyLine;
      continue;
    }
    i++;
    out.values[key] = value;
    out.lines[key] = keyLine;
  }
  return out;
};

// src/l10n/xcstrings.ts
init_define_globalThis_STORESHOTS_NATIVES();
var isObj = (v) => !!v && typeof v === "object" && !Array.isArray(v);
function matchCatalogLocale(locale, available) {
  const list = [...available];
  const lower = locale.toLowerCase();
  const exact = list.find((l) => l.toLowerCase() === lower || l.toLowerCase().replace(/_/g, "-") === lower);
  if (exact) return exact;
  const parts = lower.split("-");
  for (let n = parts.length - 1; n >= 1; n--) {
    const prefix = parts.slice(0, n).join("-");
    const hit = list.find((l) => l.toLowerCase().replace(/_/g, "-") === prefix);
    if (hit) return hit;
  }
  return void 0;
}
function localeFits(requested, declared) {
  const a = requested.toLowerCase().replace(/_/g, "-").split("-");
  const b = declared.toLowerCase().replace(/_/g, "-").split("-");
  const n = Math.min(a.length, b.length);
  return a.slice(0, n).join("-") === b.slice(0, n).join("-");
}
var parseXcstrings = (text, ctx) => {
  const { file } = ctx;
  const data = parseJsonText(text, file);
  if (!isObj(data) || !isObj(data.strings))
    return jsonError(file, text, [], 'expected a string catalog: an object with "sourceLanguage" and "strings"');
  const source = typeof data.sourceLanguage === "string" ? data.sourceLanguage : void 0;
  if (!source) return jsonError(file, text, [], 'the catalog has no "sourceLanguage"');
  const strings = data.strings;
  const languages = /* @__PURE__ */ new Set([source]);
  for (const entry of Object.values(strings)) {
    if (isObj(entry) && isObj(entry.localizations)) for (const l of Object.keys(entry.localizations)) languages.add(l);
  }
  const lang = matchCatalogLocale(ctx.locale, languages);
  const out = { values: {}, fixed: [] };
  const pick = (unit, keyPath) => {
    if (!isObj(unit)) return void 0;
    if (isObj(unit.stringUnit)) {
      const v = unit.stringUnit.value;
      if (typeof v !== "string")
        return jsonError(
          file,
          text,
          [...keyPath, "stringUnit", "value"],
          `expected text for the value at ${keyPath.join(" > ")} but found ${v === void 0 ? "nothing" : typeof v}`
        );
      return v;
    }
    if (isObj(unit.variations)) {
      for (const [kind, cases] of Object.entries(unit.variations)) {
        if (!isObj(cases)) continue;
        const name = "other" in cases ? "other" : Object.keys(cases)[0];
        if (name !== void 0) return pick(cases[name], [...keyPath, "variations", kind, name]);
      }
    }
    return void 0;
  };
  for (const [key, entry] of Object.entries(strings)) {
    if (!isObj(entry)) return jsonError(file, text, ["strings", key], `expected an object for the entry "${key}"`);
    const locs = isObj(entry.localizations) ? entry.localizations : {};
    const fixed = entry.shouldTranslate === false;
    const use = fixed ? source : lang;
    if (use === void 0) continue;
    const loc = locs[use];
    let value = pick(loc, ["strings", key, "localizations", use]);
    if (value !== void 0 && isObj(loc) && isObj(loc.substitutions)) {
      const subs = loc.substitutions;
      value = value.replace(
        /%#@([A-Za-z0-9_]+)@/g,
        (m, name) => pick(subs[name], ["strings", key, "localizations", use, "substitutions", name]) ?? m
      );
    }
    if (value === void 0 && use === source) value = key;
    if (value === void 0 || value === "") continue;
    out.values[key] = value;
    if (fixed) out.fixed.push(key);
  }
  return out;
};

// src/l10n/android.ts
init_define_globalThis_STORESHOTS_NATIVES();

// src/l10n/xml.ts
init_define_globalThis_STORESHOTS_NATIVES();
var import_saxes = __toESM(require_saxes(), 1);
function parseXml(text, file) {
  const parser = new import_saxes.SaxesParser({ position: true });
  const stack = [];
  let root;
  let lastEnd = { line: 1, column: 1 };
  const here = () => ({ line: parser.line, column: parser.column + 1 });
  const mark = () => void (lastEnd = here());
  parser.on(
    "error",
    (e) => stringsError(
      file,
      parser.line,
      parser.column + 1,
      `invalid XML: ${e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, "")}`
    )
  );
  parser.on("opentag", (tag) => {
    const el = {
      kind: "element",
      name: tag.name,
      attrs: { ...tag.attributes },
      children: [],
      line: lastEnd.line,
      column: lastEnd.column
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
    mark();
  });
  parser.on("closetag", () => {
    stack.pop();
    mark();
  });
  const addText = (t, cdata) => {
    const parent = stack[stack.length - 1];
    if (parent)
      parent.children.push({
        kind: "text",
        text: t,
        cdata,
        line: lastEnd.line,
        column: lastEnd.column + (cdata ? 9 : 0)
      });
  };
  parser.on("text", (t) => {
    addText(t, false);
    const { line, column } = here();
    lastEnd = { line, column: Math.max(1, column - 1) };
  });
  parser.on("cdata", (t) => {
    addText(t, true);
    mark();
  });
  for (const ev of ["comment", "processinginstruction", "xmldecl"]) parser.on(ev, mark);
  const src = text.charCodeAt(0) === 65279 ? text.slice(1) : text;
  parser.on("doctype", (doctype) => {
    const at = lastEnd;
    declareEntities(parser, doctype, src, file, at);
    mark();
  });
  parser.write(src).close();
  if (!root) return stringsError(file, 1, 1, "the file has no XML element");
  return root;
}
var elements = (el, name) => el.children.filter(
  (c) => c.kind === "element" && (name === void 0 || localName(c.name) === name)
);
var localName = (name) => name.slice(name.indexOf(":") + 1);
var MAX_ENTITY_CHARS = 64 * 1024;
var MAX_EXPANDED_CHARS = 1024 * 1024;
function declareEntities(parser, doctype, src, file, at) {
  const open = doctype.indexOf("[");
  if (open < 0) return;
  const subset = doctype.slice(open + 1, doctype.lastIndexOf("]"));
  const internal = /* @__PURE__ */ new Map();
  const external = /* @__PURE__ */ new Map();
  const decl = /<!ENTITY\s+(%\s+)?([^\s%"'>]+)\s+(?:"([^"]*)"|'([^']*)'|((?:SYSTEM|PUBLIC)\b[^>]*))\s*>/g;
  for (let m; m = decl.exec(subset); ) {
    if (m[1]) continue;
    const name = m[2];
    if (internal.has(name) || external.has(name)) continue;
    if (m[5] !== void 0) external.set(name, m[5].trim());
    else internal.set(name, m[3] ?? m[4] ?? "");
  }
  const fail = (message) => stringsError(file, parser.line || at.line, parser.column + 1 || at.column, message);
  const expanded = /* @__PURE__ */ new Map();
  const expand = (name, stack) => {
    const done = expanded.get(name);
    if (done !== void 0) return done;
    if (stack.includes(name)) fail(`the entity &${name}; refers to itself (${[...stack, name].join(" -> ")})`);
    const raw = internal.get(name);
    if (raw.includes("<")) fail(`the entity &${name}; holds markup; storeshots expands entities as text only`);
    let out = "";
    for (const part of raw.split(/(&[^;\s&]*;)/)) {
      const ref = /^&([^;]*);$/.exec(part);
      if (!ref) out += part;
      else {
        const n = ref[1];
        if (n.startsWith("#x")) out += String.fromCodePoint(parseInt(n.slice(2), 16));
        else if (n.startsWith("#")) out += String.fromCodePoint(parseInt(n.slice(1), 10));
        else if (PREDEFINED[n] !== void 0) out += PREDEFINED[n];
        else if (internal.has(n)) out += expand(n, [...stack, name]);
        else if (external.has(n))
          fail(
            `the entity &${name}; uses the external entity &${n}; (${external.get(n)}); storeshots never reads files or URLs an XML file names`
          );
        else fail(`the entity &${name}; uses &${n};, which is not declared`);
      }
      if (out.length > MAX_ENTITY_CHARS)
        fail(
          `the entity &${name}; expands to more than ${MAX_ENTITY_CHARS} characters; refused (nested entities that multiply, a "billion laughs" file?)`
        );
    }
    expanded.set(name, out);
    return out;
  };
  let total = 0;
  const entities = parser.ENTITIES;
  for (const name of internal.keys()) {
    const value = expand(name, []);
    Object.defineProperty(entities, name, {
      enumerable: true,
      get() {
        total += value.length;
        if (total > MAX_EXPANDED_CHARS)
          fail(
            `entities expand to more than ${MAX_EXPANDED_CHARS} characters in this file; refused (an entity expansion attack?)`
          );
        return value;
      }
    });
  }
  for (const [name, id] of external) {
    Object.defineProperty(entities, name, {
      enumerable: true,
      get: () => fail(`&${name}; is an external entity (${id}); storeshots never reads files or URLs an XML file names`)
    });
  }
  void src;
}
var PREDEFINED = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

// src/l10n/android.ts
var parseAndroidStrings = (text, ctx) => {
  const { file } = ctx;
  const root = parseXml(text, file);
  if (root.name !== "resources")
    stringsError(
      file,
      root.line,
      root.column,
      `expected <resources> as the root element of an Android strings file but found <${root.name}>`
    );
  const out = { values: {}, fixed: [], lines: {} };
  const chosenProduct = /* @__PURE__ */ new Map();
  const put = (key, value, el) => {
    out.values[key] = value;
    out.lines[key] = el.line;
  };
  for (const el of elements(root)) {
    const name = el.attrs.name;
    const kind = localName(el.name);
    if (kind !== "string" && kind !== "plurals" && kind !== "string-array") continue;
    if (!name) stringsError(file, el.line, el.column, `<${el.name}> has no name attribute`);
    if (kind === "string") {
      const product = el.attrs.product ?? "default";
      const had = chosenProduct.get(name);
      if (had !== void 0 && had === "default" && product !== "default") continue;
      chosenProduct.set(name, product);
      put(name, androidText(el, file), el);
    } else if (kind === "plurals") {
      const items = elements(el, "item");
      let other;
      for (const item of items) {
        const q = item.attrs.quantity;
        if (!q)
          stringsError(file, item.line, item.column, `<item> in <plurals name="${name}"> has no quantity attribute`);
        const v = androidText(item, file);
        put(`${name}.${q}`, v, item);
        if (q === "other") other = v;
      }
      const last = items[items.length - 1];
      if (other !== void 0 || last) put(name, other ?? out.values[`${name}.${last.attrs.quantity}`], el);
    } else {
      elements(el, "item").forEach((item, i) => put(`${name}.${i}`, androidText(item, file), item));
    }
    if (el.attrs.translatable === "false") out.fixed.push(name);
  }
  for (const key of Object.keys(out.values)) {
    let v = out.values[key];
    for (let hops = 0; hops < 10; hops++) {
      const m = /^@string\/([A-Za-z0-9_.]+)$/.exec(v);
      if (!m || out.values[m[1]] === void 0) break;
      v = out.values[m[1]];
    }
    out.values[key] = v;
  }
  return out;
};
function androidText(el, file) {
  const chars = [];
  const collect = (nodes) => {
    for (const n of nodes) {
      if (n.kind === "element") {
        collect(n.children);
        continue;
      }
      let line = n.line;
      let column = n.column;
      for (const c of n.text) {
        chars.push({ c, line, column });
        if (c === "\n") line++, column = 1;
        else column++;
      }
    }
  };
  collect(el.children);
  let out = "";
  let quoted = false;
  let pendingSpace = false;
  const emit = (s) => {
    if (pendingSpace && out !== "") out += " ";
    pendingSpace = false;
    out += s;
  };
  for (let i = 0; i < chars.length; i++) {
    const { c, line, column } = chars[i];
    if (c === "\\") {
      const e = chars[i + 1]?.c;
      i++;
      switch (e) {
        case "n":
          emit("\n");
          break;
        case "t":
          emit("	");
          break;
        case "u": {
          const hex2 = chars.slice(i + 1, i + 5).map((x) => x.c).join("");
          if (!/^[0-9A-Fa-f]{4}$/.test(hex2))
            stringsError(
              file,
              line,
              column,
              `invalid unicode escape sequence \\u${hex2} in <${el.name}${el.attrs.name ? ` name="${el.attrs.name}"` : ""}> (aapt2 rejects it)`
            );
          emit(String.fromCharCode(parseInt(hex2, 16)));
          i += 4;
          break;
        }
        case void 0:
          stringsError(
            file,
            line,
            column,
            `a backslash ends <${el.name}${el.attrs.name ? ` name="${el.attrs.name}"` : ""}>; write \\\\ for a backslash`
          );
          break;
        default:
          emit(e);
      }
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && (c === " " || c === "\n" || c === "	" || c === "\r")) {
      pendingSpace = true;
    } else if (!quoted && c === "'") {
      stringsError(
        file,
        line,
        column,
        `unescaped apostrophe in <${el.name}${el.attrs.name ? ` name="${el.attrs.name}"` : ""}>: write \\' (aapt2 refuses to build this string)`
      );
    } else {
      if (quoted) {
        if (pendingSpace && out !== "") out += " ";
        pendingSpace = false;
        out += c;
      } else emit(c);
    }
  }
  return out;
}
function androidQualifiers(locale) {
  const parts = locale.split(/[-_]/);
  const lang = parts[0].toLowerCase();
  const legacy = { he: "iw", id: "in", yi: "ji" };
  const langs = legacy[lang] ? [lang, legacy[lang]] : [lang];
  const rest = parts.slice(1);
  const out = [];
  for (const l of langs) {
    if (rest.length === 1 && /^[A-Za-z]{2}$|^\d{3}$/.test(rest[0])) out.push(`${l}-r${rest[0].toUpperCase()}`);
    if (rest.length > 0) out.push(`b+${[l, ...rest].join("+")}`);
  }
  out.push(...langs);
  return [...new Set(out)];
}

// src/l10n/arb.ts
init_define_globalThis_STORESHOTS_NATIVES();
var parseArb = (text, ctx) => {
  const { file } = ctx;
  const data = parseJsonText(text, file);
  if (!data || typeof data !== "object" || Array.isArray(data))
    return jsonError(file, text, [], 'expected an object of "key": "message" pairs at the top of an .arb file');
  const entries = data;
  const declared = entries["@@locale"];
  if (declared !== void 0) {
    if (typeof declared !== "string")
      return jsonError(file, text, ["@@locale"], 'expected a locale code for "@@locale"');
    const fits = localeFits(ctx.locale, declared);
    if (!fits) {
      if (!ctx.perLocale) return { values: {} };
      return jsonError(
        file,
        text,
        ["@@locale"],
        `"@@locale": "${declared}" does not match the locale ${ctx.locale} this file was loaded for (check the strings: pattern)`
      );
    }
  }
  const out = { values: {} };
  for (const [key, v] of Object.entries(entries)) {
    if (key.startsWith("@")) continue;
    if (typeof v !== "string")
      return jsonError(
        file,
        text,
        [key],
        `expected a message (text) for "${key}" but found ${v === null ? "null" : typeof v}`
      );
    try {
      out.values[key] = icuOther(v);
    } catch (e) {
      return jsonError(file, text, [key], `message "${key}": ${errorMessage(e)}`);
    }
  }
  return out;
};
function icuOther(message) {
  let out = "";
  let i = 0;
  while (i < message.length) {
    const c = message[i];
    if (c !== "{") {
      out += c;
      i++;
      continue;
    }
    const end = matchBrace(message, i);
    const inner = message.slice(i + 1, end);
    const m = /^\s*([A-Za-z_][\w]*)\s*,\s*(plural|select|selectordinal)\s*,([\s\S]*)$/.exec(inner);
    out += m ? icuOther(pickOther(m[3], m[1])) : message.slice(i, end + 1);
    i = end + 1;
  }
  return out;
}
function matchBrace(s, open) {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === "{") depth++;
    else if (s[i] === "}" && --depth === 0) return i;
  }
  throw new Error(`the { at character ${open + 1} is never closed`);
}
function pickOther(cases, arg) {
  let i = 0;
  let first;
  while (i < cases.length) {
    while (i < cases.length && /\s/.test(cases[i])) i++;
    if (i >= cases.length) break;
    const sel = /^(offset:\s*\d+|=?[\w-]+)\s*/.exec(cases.slice(i));
    if (!sel) throw new Error(`unexpected "${cases[i]}" in the cases of {${arg}, ...}`);
    i += sel[0].length;
    if (sel[1].startsWith("offset:")) continue;
    if (cases[i] !== "{") throw new Error(`expected { after the case "${sel[1]}" of {${arg}, ...}`);
    const end = matchBrace(cases, i);
    const body = cases.slice(i + 1, end);
    if (sel[1] === "other") return body;
    first ??= body;
    i = end + 1;
  }
  if (first === void 0) throw new Error(`{${arg}, ...} has no cases`);
  return first;
}

// src/l10n/xliff.ts
init_define_globalThis_STORESHOTS_NATIVES();
var UNTRANSLATED_12 = /* @__PURE__ */ new Set(["needs-translation"]);
var parseXliff = (text, ctx) => {
  const { file } = ctx;
  const root = parseXml(text, file);
  if (localName(root.name) !== "xliff")
    stringsError(file, root.line, root.column, `expected <xliff> as the root element but found <${root.name}>`);
  const version = root.attrs.version ?? "";
  const out = { values: {}, lines: {}, skipped: {}, placeholders: {} };
  const notes = [];
  const put = (id, raw, u) => {
    const v = raw.dropped.length ? tidy(raw.text) : raw.text;
    if (raw.dropped.length) out.placeholders[id] = [...new Set(raw.dropped)];
    if (v === "") {
      out.skipped[id] = "its text is empty";
      return;
    }
    out.values[id] = v;
    out.lines[id] = u.line;
  };
  if (version.startsWith("1.")) {
    let fresh = 0;
    let firstFresh;
    for (const f of elements(root, "file")) {
      const side = whichSide(f, f.attrs["source-language"], f.attrs["target-language"], ctx, notes);
      if (!side) continue;
      for (const u of unitsOf(f, "trans-unit", ["body", "group"])) {
        const id = u.attrs.resname ?? u.attrs.id;
        if (!id) stringsError(file, u.line, u.column, "<trans-unit> has no id");
        const el = elements(u, side)[0];
        if (!el) {
          out.skipped[id] = `its <trans-unit id="${id}"> (line ${u.line}) has no <${side}>`;
          continue;
        }
        const state = el.attrs.state ?? "";
        if (side === "target" && UNTRANSLATED_12.has(state)) {
          out.skipped[id] = `its <target> for "${id}" (line ${el.line}) is marked state="${state}"`;
          continue;
        }
        if (side === "target" && state === "new") {
          fresh++;
          firstFresh ??= el;
        }
        put(id, inlineText(el), u);
      }
    }
    if (fresh && firstFresh) {
      (out.warnings ??= []).push({
        line: firstFresh.line,
        column: firstFresh.column,
        message: `${fresh} <target>(s) marked state="new" (translated, not yet reviewed) were used for ${ctx.locale}`
      });
    }
  } else if (version.startsWith("2.")) {
    const side = whichSide(root, root.attrs.srcLang, root.attrs.trgLang, ctx, notes);
    if (side) {
      for (const u of unitsOf(root, "unit", ["file", "group"])) {
        const id = u.attrs.name ?? u.attrs.id;
        if (!id) stringsError(file, u.line, u.column, "<unit> has no id");
        const all = { text: "", dropped: [] };
        let complete = true;
        for (const part of elements(u)) {
          const n = localName(part.name);
          if (n !== "segment" && n !== "ignorable") continue;
          const el = elements(part, side)[0] ?? (n === "ignorable" ? elements(part, "source")[0] : void 0);
          if (!el) {
            complete = false;
            continue;
          }
          const t = inlineText(el);
          all.text += t.text;
          all.dropped.push(...t.dropped);
        }
        if (!complete) {
          out.skipped[id] = `its <unit id="${id}"> (line ${u.line}) has a segment without a <${side}>`;
          continue;
        }
        put(id, all, u);
      }
    }
  } else {
    stringsError(file, root.line, root.column, `unsupported XLIFF version "${version}" (storeshots reads 1.2 and 2.0)`);
  }
  if (notes.length) out.note = notes.join("; ");
  return out;
};
function languageFromName(file) {
  const m = /[._-]([a-z]{2,3}(?:[-_](?:[A-Z][a-z]{3}|[A-Z]{2}|\d{3}))*)\.(?:xlf|xliff)$/.exec(
    file.split(/[\\/]/).pop() ?? ""
  );
  return m?.[1]?.replace(/_/g, "-");
}
function whichSide(el, src, trg, ctx, notes) {
  if (trg && localeFits(ctx.locale, trg)) return "target";
  if (!trg) {
    const named = languageFromName(ctx.file);
    if (named && localeFits(ctx.locale, named)) {
      notes.push(`the file names no target-language; "${named}" was taken from its name`);
      return "target";
    }
    if (src && localeFits(ctx.locale, src)) return "source";
    if (!named && ctx.perLocale && hasTargets(el)) {
      notes.push("the file names no target-language; the strings pattern chose it for this locale");
      return "target";
    }
    if (!src && !named)
      stringsError(
        ctx.file,
        el.line,
        el.column,
        "the XLIFF names no source or target language (and its file name carries none, as in messages.de.xlf)"
      );
    if (ctx.perLocale && named)
      stringsError(
        ctx.file,
        el.line,
        el.column,
        `the file names no target-language, and its name says "${named}", which does not match the locale ${ctx.locale} it was loaded for (check the strings: pattern)`
      );
    notes.push(
      `it holds ${named ? `"${named}" (from its name)` : `only its source language "${src}"`}, not ${ctx.locale}`
    );
    return void 0;
  }
  if (src && localeFits(ctx.locale, src)) return "source";
  if (ctx.perLocale) {
    stringsError(
      ctx.file,
      el.line,
      el.column,
      `target language "${trg}" does not match the locale ${ctx.locale} this file was loaded for (check the strings: pattern)`
    );
  }
  notes.push(`its target language is "${trg}", not ${ctx.locale}`);
  return void 0;
}
function hasTargets(el) {
  return elements(el).some((c) => localName(c.name) === "target" || hasTargets(c));
}
var ANGULAR_NAME = /^(INTERPOLATION|ICU|START_|CLOSE_|TAG_|LINE_BREAK)/;
var MARKUP = /^<\/?[A-Za-z][^<>]*>$/s;
var LINE_BREAK = /^<br\b[^<>]*>$/i;
function placeholder(c, into) {
  const a = c.attrs;
  const id = a.id ?? "";
  const shown = a["equiv-text"] ?? a.disp ?? (a.equiv && !ANGULAR_NAME.test(a.equiv) ? a.equiv : void 0);
  const name = a.equiv && ANGULAR_NAME.test(a.equiv) ? a.equiv : id;
  if (name === "LINE_BREAK" || a.ctype === "lb" || shown !== void 0 && LINE_BREAK.test(shown.trim())) {
    into.text += "\n";
    return;
  }
  const markup = shown !== void 0 ? MARKUP.test(shown.trim()) : /^(START_|CLOSE_|TAG_)/.test(name);
  const interpolation = /^(INTERPOLATION|ICU)/.test(name) || shown !== void 0 && /^\{[\s\S]*\}$/.test(shown.trim());
  if (markup || interpolation) {
    into.dropped.push(shown ?? name);
    return;
  }
  into.text += shown ?? "";
}
function inlineText(el, into = { text: "", dropped: [] }) {
  for (const c of el.children) {
    if (c.kind === "text") {
      into.text += c.text;
      continue;
    }
    const n = localName(c.name);
    if (n === "x" || n === "bx" || n === "ex" || n === "ph" && c.children.length === 0) placeholder(c, into);
    else if (n === "cp") into.text += String.fromCodePoint(parseInt(c.attrs.hex ?? "0", 16));
    else if (n === "sc" || n === "ec" || n === "sm" || n === "em") continue;
    else {
      if (n === "pc" && (c.attrs.dispStart || c.attrs.equivStart))
        into.dropped.push(c.attrs.dispStart ?? c.attrs.equivStart);
      inlineText(c, into);
    }
  }
  return into;
}
function tidy(s) {
  return s.replace(/[ \t]{2,}/g, " ").replace(/ *\n */g, "\n").replace(/ +([.,!?;:])/g, "$1").trim();
}
function unitsOf(root, unit, containers) {
  const units = [];
  const gather = (el) => {
    for (const c of elements(el)) {
      const n = localName(c.name);
      if (n === unit) units.push(c);
      else if (containers.includes(n)) gather(c);
    }
  };
  gather(root);
  return units;
}

// src/l10n/whitespace.ts
init_define_globalThis_STORESHOTS_NATIVES();
function normalizeWhitespace(text) {
  return text.replace(/\r\n?|[\u0085\u2028\u2029]/g, "\n").replace(/[\t\v\f]/g, " ");
}

// src/manifest/strings.ts
var MAX_STRINGS_BYTES = 5 * 1024 * 1024;
var PARSERS = [
  { test: (f) => f.endsWith(".xcstrings"), parse: parseXcstrings },
  { test: (f) => f.endsWith(".strings"), parse: parseAppleStrings },
  { test: (f) => f.endsWith(".xml"), parse: parseAndroidStrings },
  { test: (f) => /\.(xliff|xlf)$/i.test(f), parse: parseXliff },
  { test: (f) => f.endsWith(".arb"), parse: parseArb },
  { test: (f) => f.endsWith(".json"), parse: parseJsonStrings }
];
var STRINGS_FORMATS = ".json, .strings, .xcstrings, strings.xml, .arb, .xliff/.xlf";
function parserFor(file) {
  return PARSERS.find((p) => p.test(file))?.parse;
}
var PLACEHOLDER = /\{(locale|android-locale|flutter-locale)\}/;
function localeForms(locale) {
  const parts = locale.split("-");
  const prefixes = parts.map((_, i) => parts.slice(0, parts.length - i));
  return {
    // de-CH, then de_CH (ru_RU.lproj, zh_TW folders), then de.
    locale: [...new Set(prefixes.flatMap((p) => [p.join("-"), p.join("_")]))],
    "flutter-locale": prefixes.map((p) => p.join("_")),
    "android-locale": androidQualifiers(locale)
  };
}
function candidatePaths(pattern, locale, isDefaultLocale = false) {
  if (!PLACEHOLDER.test(pattern)) return [pattern];
  const forms = localeForms(locale);
  let out = [pattern];
  for (const name of ["locale", "android-locale", "flutter-locale"]) {
    const tag = `{${name}}`;
    out = out.flatMap((p) => p.includes(tag) ? forms[name].map((f) => p.split(tag).join(f)) : [p]);
  }
  if (isDefaultLocale && pattern.includes("-{android-locale}")) out.push(pattern.split("-{android-locale}").join(""));
  return [...new Set(out)];
}
function readStrings(patterns, locales, baseDir, opts = {}) {
  const cwd = opts.cwd ?? process.cwd();
  const result = { tables: {}, fixed: /* @__PURE__ */ new Set(), where: {}, warnings: [], placeholders: {}, why: {} };
  const warned = /* @__PURE__ */ new Set();
  const texts = /* @__PURE__ */ new Map();
  const real = locales.filter((l) => !PSEUDO_LOCALES.includes(l));
  const defaultLocale = opts.defaultLocale ?? real[0];
  const used = /* @__PURE__ */ new Set();
  const tried = /* @__PURE__ */ new Map();
  for (const locale of real) {
    const table = {};
    const where = {};
    (patterns ?? []).forEach((pattern, index) => {
      const rels = candidatePaths(pattern, locale, locale === defaultLocale);
      let found;
      for (const rel of rels) {
        const abs = resolveInside(baseDir, rel, cwd);
        if (!abs) {
          throw new UserError([
            {
              severity: "error",
              field: `strings[${index}]`,
              message: `strings path "${rel}" leaves the manifest's folder and the working directory`,
              at: opts.positionOf?.(index)
            }
          ]);
        }
        if (existsSync3(abs) && statSync2(abs).isFile()) {
          found = { abs, rel };
          break;
        }
      }
      if (!tried.has(index)) tried.set(index, []);
      tried.get(index).push(...rels);
      if (!found) return;
      used.add(index);
      const shown = path4.relative(cwd, found.abs) || found.abs;
      const parse = parserFor(found.abs);
      if (!parse)
        throw new UserError([
          {
            severity: "error",
            field: `strings[${index}]`,
            message: `${shown}: unknown strings format (expected ${STRINGS_FORMATS})`,
            at: opts.positionOf?.(index)
          }
        ]);
      let text = texts.get(found.abs);
      if (text === void 0) {
        const size = statSync2(found.abs).size;
        if (size > MAX_STRINGS_BYTES)
          throw new UserError(`${shown}: ${size} bytes is over the ${MAX_STRINGS_BYTES}-byte limit for a strings file`);
        text = decodeStringsFile(readFileSync2(found.abs), shown);
        texts.set(found.abs, text);
      }
      const base = path4.basename(found.abs);
      const dialect = /^(title|keyword)\.strings$/.test(base) ? "frameit" : void 0;
      const parsed = parse(text, {
        file: shown,
        locale,
        perLocale: PLACEHOLDER.test(pattern),
        ...dialect ? { dialect } : {}
      });
      for (const w of parsed.warnings ?? []) {
        const k = `${shown}:${w.line}:${w.column}|${w.message}`;
        if (warned.has(k)) continue;
        warned.add(k);
        result.warnings.push({
          severity: "warning",
          field: `strings[${index}]`,
          message: w.message,
          at: { file: shown, line: w.line, column: w.column }
        });
      }
      for (const [k, v] of Object.entries(parsed.values)) {
        table[k] = normalizeWhitespace(v);
        where[k] = { file: shown, line: parsed.lines?.[k] ?? 1, column: 1 };
        const ph = parsed.placeholders?.[k];
        if (ph?.length) (result.placeholders[locale] ??= {})[k] = ph;
        else if (result.placeholders[locale]?.[k]) delete result.placeholders[locale][k];
      }
      (result.why[locale] ??= []).push({
        file: shown,
        ...parsed.note ? { note: parsed.note } : {},
        skipped: parsed.skipped ?? {}
      });
      for (const k of parsed.fixed ?? []) result.fixed.add(k);
    });
    result.tables[locale] = table;
    result.where[locale] = where;
  }
  (patterns ?? []).forEach((pattern, index) => {
    if (used.has(index) || real.length === 0) return;
    const looked = [...new Set(tried.get(index) ?? [])];
    result.warnings.push({
      severity: "warning",
      field: `strings[${index}]`,
      message: `strings pattern "${pattern}" found no file for any locale (looked for ${looked.slice(0, 6).join(", ")}${looked.length > 6 ? ", ..." : ""})`,
      at: opts.positionOf?.(index)
    });
  });
  return result;
}

// src/manifest/icon-theme.ts
init_define_globalThis_STORESHOTS_NATIVES();
var import_quantize = __toESM(require_dist2(), 1);
var import_pngjs = __toESM(require_png(), 1);
import { readFileSync as readFileSync3 } from "node:fs";
var FROM_ICON = "from-icon";
var LIGHT = "#ffffff";
var DARK = "#111827";
var ICON_TEXT_RATIO = 4.5;
var hex = (c) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;
function toHsl([r, g, b]) {
  const R = r / 255;
  const G = g / 255;
  const B = b / 255;
  const max = Math.max(R, G, B);
  const min = Math.min(R, G, B);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === R ? (G - B) / d + (G < B ? 6 : 0) : max === G ? (B - R) / d + 2 : (R - G) / d + 4;
  return [h * 60, s, l];
}
function fromHsl(h, s, l) {
  const k = (n) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [f(0) * 255, f(8) * 255, f(4) * 255];
}
function iconPalette(file) {
  let png2;
  try {
    png2 = import_pngjs.PNG.sync.read(readFileSync3(file));
  } catch (e) {
    throw new UserError(`theme from-icon: cannot read app.icon ${file} as a PNG (${errorMessage(e)})`);
  }
  const { width, height, data } = png2;
  const step = Math.max(1, Math.floor(Math.sqrt(width * height / 2e4)));
  const pixels = [];
  for (let y = 0; y < height; y += step)
    for (let x = 0; x < width; x += step) {
      const i = (y * width + x) * 4;
      if (data[i + 3] >= 128) pixels.push([data[i], data[i + 1], data[i + 2]]);
    }
  if (pixels.length === 0) throw new UserError(`theme from-icon: app.icon ${file} has no opaque pixels`);
  const map = new Set(pixels.map((p) => p.join(","))).size < 2 ? false : (0, import_quantize.default)(pixels, 6);
  if (!map) return [{ color: pixels[0], share: 1 }];
  const counts = /* @__PURE__ */ new Map();
  for (const p of pixels) {
    const c = map.map(p);
    const k = c.join(",");
    const e = counts.get(k) ?? { color: c, n: 0 };
    e.n++;
    counts.set(k, e);
  }
  return [...counts.values()].map((e) => ({ color: e.color, share: e.n / pixels.length })).sort((a, b) => b.share - a.share || a.color.join(",").localeCompare(b.color.join(",")));
}
var ratio = (a, b) => contrastRatio(a, b) ?? 1;
function iconColours(palette) {
  const [h, s, l0] = toHsl(palette[0].color);
  const textIsLight = ratio(LIGHT, hex(palette[0].color)) >= ratio(DARK, hex(palette[0].color));
  const text = textIsLight ? LIGHT : DARK;
  const dir = textIsLight ? -1 : 1;
  let l = l0;
  let stops = [hex(fromHsl(h, s, l)), hex(fromHsl(h, s, Math.max(0, Math.min(1, l + dir * 0.12))))];
  for (let i = 0; i < 100 && Math.min(ratio(text, stops[0]), ratio(text, stops[1])) < ICON_TEXT_RATIO; i++) {
    l = Math.max(0, Math.min(1, l + dir * 0.01));
    stops = [hex(fromHsl(h, s, l)), hex(fromHsl(h, s, Math.max(0, Math.min(1, l + dir * 0.12))))];
  }
  const worst = (c) => Math.min(ratio(c, stops[0]), ratio(c, stops[1]));
  const hueGap = (a) => Math.min(Math.abs(a - h), 360 - Math.abs(a - h));
  const candidates = palette.slice(1).map((p) => toHsl(p.color)).filter(([ph, ps]) => ps >= 0.25 && (s < 0.15 || hueGap(ph) >= 20)).map(([ph, ps, pl]) => {
    let c = hex(fromHsl(ph, ps, pl));
    for (let i = 0; i < 100 && worst(c) < 3; i++) {
      pl = Math.max(0, Math.min(1, pl - dir * 0.01));
      c = hex(fromHsl(ph, ps, pl));
    }
    return { c, sat: ps };
  }).filter((p) => worst(p.c) >= 3).sort((a, b) => b.sat - a.sat);
  const accent = candidates[0]?.c ?? text;
  const mix = (a, b, t) => {
    const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16));
    const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
    return hex(pa.map((v, i) => v + (pb[i] - v) * t));
  };
  const soft = mix(text, stops[0], 0.2);
  return { background: stops, text, subtitle: worst(soft) >= ICON_TEXT_RATIO ? soft : text, accent };
}
function iconTheme(file, base) {
  const c = iconColours(iconPalette(file));
  return {
    name: FROM_ICON,
    description: "Colours picked from the app icon (background, accent, text at 4.5:1 or better).",
    style: {
      ...base.style,
      background: { type: "linear", gradient: c.background, angle: 180 },
      headline: { ...base.style.headline, color: c.text, accent: c.accent },
      subtitle: { ...base.style.subtitle, color: c.subtitle },
      "text-colors": { light: LIGHT, dark: DARK }
    }
  };
}

// src/plan/plan.ts
init_define_globalThis_STORESHOTS_NATIVES();
var import_fastest_levenshtein2 = __toESM(require_mod(), 1);
import path6 from "node:path";
import { existsSync as existsSync4 } from "node:fs";

// src/util/private-dir.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { mkdtempSync, rmSync } from "node:fs";
import os2 from "node:os";
import path5 from "node:path";
var made = /* @__PURE__ */ new Map();
function privateRunDir(purpose) {
  let dir = made.get(purpose);
  if (!dir) {
    dir = mkdtempSync(path5.join(os2.tmpdir(), `storeshots-${purpose}-`));
    made.set(purpose, dir);
    const created = dir;
    process.once("exit", () => rmSync(created, { recursive: true, force: true }));
  }
  return dir;
}

// src/plan/pseudo.ts
init_define_globalThis_STORESHOTS_NATIVES();
var ACCENTS = {
  a: "\xE1",
  b: "\u0180",
  c: "\xE7",
  d: "\xF0",
  e: "\xE9",
  f: "\u0192",
  g: "\u011D",
  h: "\u0125",
  i: "\xED",
  j: "\u0135",
  k: "\u0137",
  l: "\u013C",
  m: "\u0271",
  n: "\xF1",
  o: "\xF3",
  p: "\xFE",
  q: "\u01EB",
  r: "\u0155",
  s: "\u0161",
  t: "\u0163",
  u: "\xFA",
  v: "\u1E7D",
  w: "\u0175",
  x: "\u1E8B",
  y: "\xFD",
  z: "\u017E",
  A: "\xC5",
  B: "\u0181",
  C: "\xC7",
  D: "\xD0",
  E: "\xC9",
  F: "\u0191",
  G: "\u011C",
  H: "\u0124",
  I: "\xCD",
  J: "\u0134",
  K: "\u0136",
  L: "\u013B",
  M: "\u1E40",
  N: "\xD1",
  O: "\xD3",
  P: "\xDE",
  Q: "\u01EA",
  R: "\u0154",
  S: "\u0160",
  T: "\u0162",
  U: "\xDA",
  V: "\u1E7C",
  W: "\u0174",
  X: "\u1E8A",
  Y: "\xDD",
  Z: "\u017D"
};
var PAD = ["\u0175", "\u0271", "\u1E85", "\u01FF"];
var PSEUDO_CHARACTERS = [
  .../* @__PURE__ */ new Set([...Object.values(ACCENTS), ...PAD, "\uFF3B", "\uFF3D", "\u200F", "\u202E", "\u202C"])
].join("");
var PSEUDO_EXPANSION = 0.4;
var PROTECTED = /(\*\*|%(?:\d+\$)?[-+ 0#]*\d*(?:\.\d+)?(?:ll|l|h|z|q)?[@dDiuUxXoOfFeEgGcCsSpaA%]|\{\{[^{}]*\}\}|\{[^{}]*\}|\n)/u;
function pseudoLocalize(text, rtl = false) {
  const parts = text.split(PROTECTED);
  let out = "";
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      out += part;
      return;
    }
    out += part.replace(new RegExp("\\p{L}[\\p{L}\\p{M}'\u2019]*", "gu"), (word) => {
      const letters = [...word];
      const pad2 = Math.ceil(letters.length * PSEUDO_EXPANSION);
      return letters.map((c) => ACCENTS[c] ?? c).join("") + Array.from({ length: pad2 }, (_, k) => PAD[k % PAD.length]).join("");
    });
  });
  const wrapped = `\uFF3B${out}\uFF3D`;
  if (!rtl) return wrapped;
  return wrapped.replace(/[^\s]+/g, (w) => `\u200F\u202E${w}\u202C\u200F`);
}

// src/plan/text-colour.ts
init_define_globalThis_STORESHOTS_NATIVES();
function withAutoTextColours(merged, layers) {
  let out = merged;
  for (const k of ["headline", "subtitle"]) {
    let colour;
    let auto = false;
    layers.forEach((layer, i) => {
      const c = layer?.[k]?.color;
      if (c === "auto") auto = true;
      else if (c !== void 0) {
        colour = c;
        auto = false;
      } else if (i > 0 && (layer?.background !== void 0 || layer?.layout !== void 0)) auto = true;
    });
    if (!auto) continue;
    const text = { ...out[k], color: "auto" };
    if (colour !== void 0) text["auto-prefer"] = colour;
    else delete text["auto-prefer"];
    out = { ...out, [k]: text };
  }
  return out;
}

// src/l10n/locales.ts
init_define_globalThis_STORESHOTS_NATIVES();
function bcp47FromFolder(folder) {
  return folder.split(/[-_]/).map(
    (p, i) => i === 0 ? p.toLowerCase() : p.length === 4 && /^[A-Za-z]+$/.test(p) ? p[0].toUpperCase() + p.slice(1).toLowerCase() : p.length === 2 ? p.toUpperCase() : p
  ).join("-");
}
function folderForms(locale) {
  return locale.includes("-") ? [locale, locale.replace(/-/g, "_")] : [locale];
}

// src/plan/plan.ts
var isObject = (v) => !!v && typeof v === "object" && !Array.isArray(v);
function mergeStyle(...layers) {
  const out = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [k, v] of Object.entries(layer)) {
      out[k] = isObject(v) && isObject(out[k]) ? mergeStyle(out[k], v) : v;
    }
  }
  return out;
}
function scriptOf(locale) {
  const [language, first = ""] = locale.split("-");
  if (/^[a-z]{4}$/i.test(first)) return first;
  const lang = language.toLowerCase();
  if (lang === "zh" && /^(TW|HK|MO)$/i.test(first)) return "Hant";
  const map = {
    ar: "Arab",
    fa: "Arab",
    ur: "Arab",
    he: "Hebr",
    iw: "Hebr",
    ja: "Jpan",
    ko: "Kore",
    zh: "Hans",
    th: "Thai",
    hi: "Deva",
    mr: "Deva",
    bn: "Beng",
    gu: "Gujr",
    pa: "Guru",
    ta: "Taml",
    te: "Telu",
    kn: "Knda",
    ml: "Mlym",
    or: "Orya",
    el: "Grek",
    ru: "Cyrl",
    uk: "Cyrl",
    be: "Cyrl",
    bg: "Cyrl",
    sr: "Cyrl",
    mk: "Cyrl",
    hy: "Armn",
    ka: "Geor"
  };
  return map[lang];
}
function localeStyle(all, locale) {
  if (!all) return void 0;
  const lang = locale.split("-")[0];
  const script = scriptOf(locale);
  return mergeStyle(script ? all[script] : void 0, all[lang], lang !== locale ? all[locale] : void 0);
}
function fillPattern(pattern, v) {
  return pattern.replace(/\{(locale|device|slide|preset|appearance)\}/g, (_, k) => v[k] ?? "");
}
function parseSize(s) {
  const [w, h] = s.split("x").map(Number);
  return { width: w, height: h };
}
function buildPlan(input) {
  const { loaded, theme } = input;
  const m = loaded.manifest;
  const cwd = input.cwd ?? process.cwd();
  const problems = [];
  const err = (message, fp) => problems.push({ severity: "error", message, field: fieldName(fp), at: loaded.positionOf(fp) });
  const fallback = m["fallback-locale"];
  const layout = input.layout ?? m.output?.layout ?? "flat";
  const format = m.output?.format ?? "png";
  const quality = m.output?.quality ?? 90;
  const compression = m.output?.compression === "fast" ? "fast" : void 0;
  const ext = format === "jpeg" ? "jpg" : "png";
  const strings = input.strings ?? {};
  const fixedKeys = input.fixedKeys ?? /* @__PURE__ */ new Set();
  const sources = input.stringSources ?? {};
  const locales = [...m.locales, ...(input.extraLocales ?? []).filter((l) => !m.locales.includes(l))];
  const baseLocale = fallback ?? m.locales.find((l) => !PSEUDO_LOCALES.includes(l)) ?? m.locales[0];
  const warnings = [];
  const warn = (message, fp) => warnings.push({ severity: "warning", message, field: fieldName(fp), at: loaded.positionOf(fp) });
  if (fallback !== void 0 && !m.locales.includes(fallback)) {
    err(expected(`one of the manifest's locales (${m.locales.join(", ")})`, "fallback-locale", fallback), [
      "fallback-locale"
    ]);
  }
  const seen = /* @__PURE__ */ new Map();
  m.slides.forEach((s, i) => {
    const first = seen.get(s.id);
    if (first !== void 0)
      err(`Duplicate slide id "${s.id}" at slides[${i}].id (first used at slides[${first}].id)`, ["slides", i, "id"]);
    else seen.set(s.id, i);
  });
  m.slides.forEach((s, i) => {
    const miss = missingContent(s, mergeStyle(m.style, s.style).layout);
    if (miss)
      err(
        `Slide "${s.id}" at slides[${i}] has layout ${mergeStyle(m.style, s.style).layout} but no ${miss.field}: add ${miss.what}`,
        ["slides", i, ...s.style?.layout ? ["style", "layout"] : []]
      );
  });
  const known = presetRefs();
  const presets = [];
  m.presets.forEach((p, i) => {
    const entry = typeof p === "string" ? { id: p } : p;
    const fp = typeof p === "string" ? ["presets", i] : ["presets", i, "id"];
    const ref = resolvePreset(entry.id);
    if (!ref) {
      err(
        `Unknown preset "${entry.id}" at ${fieldName(fp)} (did you mean "${(0, import_fastest_levenshtein2.closest)(entry.id, known)}"?); run "storeshots presets" for the list`,
        fp
      );
      return;
    }
    if (presets.some((q) => q.ref === entry.id)) {
      err(`Preset "${entry.id}" is listed twice at ${fieldName(fp)}`, fp);
      return;
    }
    if (entry.size) {
      const size = parseSize(entry.size);
      const upright = !ref.landscape || size.width > size.height;
      if (ref.preset.anySize) {
        const max = ref.preset.device === "android-tablet" ? PLAY.largeMaxSide : PLAY.maxSide;
        const long = Math.max(size.width, size.height);
        const short = Math.min(size.width, size.height);
        if (short < PLAY.minSide || long > max || long > short * PLAY.maxAspect) {
          err(
            expected(
              `a size within Play's rules for ${entry.id} (each side ${PLAY.minSide}-${max} px, the long side at most ${PLAY.maxAspect}x the short)`,
              `presets[${i}].size`,
              entry.size
            ),
            ["presets", i, "size"]
          );
        } else if (!upright) {
          err(expected(`a landscape size (wider than tall) for ${entry.id}`, `presets[${i}].size`, entry.size), [
            "presets",
            i,
            "size"
          ]);
        }
      } else if (!upright || !isAcceptedSize(ref.preset, size)) {
        const list = ref.preset.accepted.map(
          (z) => ref.landscape ? `${z.height}x${z.width}` : `${z.width}x${z.height}`
        );
        err(expected(`one of the sizes ${entry.id} accepts (${list.join(", ")})`, `presets[${i}].size`, entry.size), [
          "presets",
          i,
          "size"
        ]);
      }
    }
    presets.push({ ref: entry.id, entry, fp });
  });
  m.slides.forEach((sl, i) => {
    (sl.presets ?? []).forEach((ref, j) => {
      if (presets.some((q) => q.ref === ref)) return;
      const listed = presets.map((q) => q.ref);
      const near = listed.length ? ` (did you mean "${(0, import_fastest_levenshtein2.closest)(ref, listed)}"?)` : "";
      err(
        `Preset "${ref}" at slides[${i}].presets[${j}] is not one of the manifest's presets${near}; the manifest has: ${listed.join(", ")}`,
        ["slides", i, "presets", j]
      );
    });
  });
  const stores = new Set(presets.map((p) => resolvePreset(p.ref).preset.store));
  m.locales.forEach((loc, i) => {
    if (PSEUDO_LOCALES.includes(loc)) return;
    for (const store of stores) {
      if (!storeLocale(store, loc)) {
        const name = store === "appstore" ? "the App Store" : "Google Play";
        err(
          `Locale "${loc}" at locales[${i}] is not a locale ${name} accepts; use one of its codes (storeshots presets --locales)`,
          ["locales", i]
        );
      }
    }
  });
  if (layout === "fastlane") {
    for (const store of stores) {
      const byCode = /* @__PURE__ */ new Map();
      m.locales.forEach((loc, i) => {
        const code = PSEUDO_LOCALES.includes(loc) ? void 0 : storeLocale(store, loc);
        if (code === void 0) return;
        const first = byCode.get(code);
        if (first === void 0) byCode.set(code, i);
        else
          err(
            `Locales "${m.locales[first]}" and "${loc}" at locales[${i}] both map to ${store === "appstore" ? "the App Store" : "Google Play"}'s ${code}, so their fastlane folders would collide; keep one`,
            ["locales", i]
          );
      });
    }
  }
  const hasLetters = (t) => new RegExp("\\p{L}", "u").test(t);
  const resolveText = (value, locale, fp) => {
    const r = resolveTextAsIs(value, locale, fp);
    return r && { ...r, text: normalizeWhitespace(r.text) };
  };
  const resolveTextAsIs = (value, locale, fp) => {
    if (value === void 0) return void 0;
    if (PSEUDO_LOCALES.includes(locale)) {
      const base = resolveText(value, baseLocale, fp);
      return base && {
        text: pseudoLocalize(base.text, locale === "pseudo-rtl"),
        origin: "pseudo",
        locale,
        ...base.key ? { key: base.key } : {}
      };
    }
    const what = `${fp[fp.length - 1]}`;
    if (typeof value === "string") return { text: value, origin: "inline", locale };
    if ("key" in value && typeof value.key === "string" && Object.keys(value).length === 1) {
      const key = value.key;
      const own2 = strings[locale]?.[key];
      const fb2 = fallback !== void 0 ? strings[fallback]?.[key] : void 0;
      if (own2 !== void 0) {
        const fixed = fixedKeys.has(key);
        const same = !fixed && fallback !== void 0 && locale !== fallback && fb2 === own2 && hasLetters(own2);
        if (same)
          warn(
            `The ${locale} text for key "${key}" at ${fieldName(fp)} is the same as the ${fallback} text: possibly untranslated (text.untranslated)`,
            fp
          );
        return {
          text: own2,
          origin: "strings",
          key,
          locale,
          source: sources[locale]?.[key],
          ...fixed ? { fixed } : {},
          ...same ? { sameAsFallback: true } : {}
        };
      }
      if (fixedKeys.has(key)) {
        const from = [fallback, baseLocale, ...m.locales].find(
          (l) => l !== void 0 && strings[l]?.[key] !== void 0
        );
        if (from !== void 0)
          return {
            text: strings[from][key],
            origin: "strings",
            key,
            locale: from,
            fixed: true,
            source: sources[from]?.[key]
          };
      }
      if (fb2 !== void 0 && fallback !== void 0) {
        warn(
          `No ${locale} text for key "${key}" at ${fieldName(fp)}; the ${fallback} text is used (text.missing-translation)`,
          fp
        );
        return { text: fb2, origin: "fallback", key, locale: fallback, source: sources[fallback]?.[key] };
      }
      const why = input.whyNoText?.(locale, key);
      err(
        `No text for key "${key}" in locale ${locale} at ${fieldName(fp)}${fallback ? ` (nor in the fallback ${fallback})` : ""}${why ? ` [${why}]` : ""}; add it to the strings files or set fallback-locale`,
        fp
      );
      return void 0;
    }
    const map = value;
    const own = map[locale];
    const fb = fallback !== void 0 ? map[fallback] : void 0;
    if (own !== void 0) {
      const same = fallback !== void 0 && locale !== fallback && fb === own && hasLetters(own);
      if (same)
        warn(
          `The ${locale} ${what} at ${fieldName(fp)} is the same as the ${fallback} one: possibly untranslated (text.untranslated)`,
          fp
        );
      return { text: own, origin: "inline", locale, ...same ? { sameAsFallback: true } : {} };
    }
    if (fb !== void 0 && fallback !== void 0) {
      warn(`No ${locale} ${what} at ${fieldName(fp)}; the ${fallback} text is used (text.missing-translation)`, fp);
      return { text: fb, origin: "fallback", locale: fallback };
    }
    err(
      `No ${what} for locale ${locale} at ${fieldName(fp)}${fallback ? "" : " and no fallback-locale"}; add "${locale}: \u2026" or set fallback-locale`,
      fp
    );
    return void 0;
  };
  const resolveFile = (p, fp) => {
    const abs = resolveInside(loaded.dir, p, cwd);
    if (!abs) err(`Path "${p}" at ${fieldName(fp)} leaves the manifest's folder and the working directory`, fp);
    return abs;
  };
  const files = [];
  const fileRef = (p, fp, what, note = "") => {
    const abs = resolveFile(p, fp);
    if (abs) files.push({ abs, what: `${what}${note}`, field: fieldName(fp), at: loaded.positionOf(fp) });
  };
  const resolveShot = (pattern, vars, fp) => {
    const abs = resolveFile(fillPattern(pattern, vars), fp);
    if (!abs || existsSync4(abs) || !pattern.includes("{locale}")) return abs;
    for (const form of folderForms(vars.locale).slice(1)) {
      const alt = resolveInside(loaded.dir, fillPattern(pattern, { ...vars, locale: form }), cwd);
      if (alt && existsSync4(alt)) return alt;
    }
    return abs;
  };
  const fonts = (m.fonts ?? []).flatMap((f, i) => {
    const abs = resolveFile(f, ["fonts", i]);
    if (abs) files.push({ abs, what: "font file", field: `fonts[${i}]`, at: loaded.positionOf(["fonts", i]) });
    return abs ?? [];
  });
  const styleLayers = [
    { style: theme.style, fp: ["theme"], note: ` (in theme ${theme.name})` },
    { style: m.style, fp: ["style"] },
    ...Object.entries(m["locale-style"] ?? {}).map(([k, st]) => ({ style: st, fp: ["locale-style", k] })),
    ...m.slides.map((sl, i) => ({ style: sl.style, fp: ["slides", i, "style"] })),
    ...m.presets.map((p, i) => ({ style: typeof p === "string" ? void 0 : p.style, fp: ["presets", i, "style"] })),
    { style: m["feature-graphic"]?.style, fp: ["feature-graphic", "style"] }
  ];
  for (const { style, fp: base, note } of styleLayers) {
    if (!style) continue;
    const at = (...rest) => note ? base : [...base, ...rest];
    const image = style.background?.image;
    if (image !== void 0) {
      if (image.startsWith("builtin:")) {
        const name = image.slice("builtin:".length);
        const templates = path6.join(packageRoot(), "templates");
        const abs = resolveInside(templates, name, templates);
        if (!abs || !name || path6.dirname(abs) !== templates) {
          err(
            expected(
              "builtin:NAME naming an image shipped in the templates folder",
              fieldName([...base, "background", "image"]),
              image
            ),
            at("background", "image")
          );
        } else
          files.push({
            abs,
            what: `background image${note ?? ""}`,
            field: fieldName([...base, "background", "image"]),
            at: loaded.positionOf(at("background", "image"))
          });
      } else fileRef(image, at("background", "image"), "background image", note);
    }
    for (const k of ["headline", "subtitle"]) {
      const font = style[k]?.font;
      if (font !== void 0 && (/\.(ttf|otf|ttc)$/i.test(font) || /[\\/]/.test(font)))
        fileRef(font, at(k, "font"), "font file", note);
    }
    const frame = style.device?.frame;
    if (frame !== void 0 && /\.png$/i.test(frame)) fileRef(frame, at("device", "frame"), "frame PNG", note);
  }
  if (m.app?.icon !== void 0) resolveFile(m.app.icon, ["app", "icon"]);
  const outDir = input.outDir ? path6.resolve(cwd, input.outDir) : m.output?.dir ? resolveFile(m.output.dir, ["output", "dir"]) ?? path6.resolve(loaded.dir, "storeshots-out") : path6.resolve(cwd, "storeshots-out");
  const appearances = m.appearances?.length ? m.appearances : [void 0];
  if (!m.appearances?.length) {
    const uses = [
      [m.screenshots, ["screenshots"]],
      ...m.slides.flatMap(
        (sl, i) => [
          [typeof sl.screenshot === "string" ? sl.screenshot : void 0, ["slides", i, "screenshot"]],
          [sl["second-screenshot"], ["slides", i, "second-screenshot"]],
          [sl["third-screenshot"], ["slides", i, "third-screenshot"]]
        ]
      ),
      [m["feature-graphic"]?.screenshot, ["feature-graphic", "screenshot"]]
    ];
    for (const [p, fp] of uses)
      if (p?.includes("{appearance}"))
        err(
          `The path at ${fieldName(fp)} uses {appearance} but the manifest has no appearances:; add appearances: [light, dark]`,
          fp
        );
  }
  const all = [];
  for (const locale of locales) {
    for (const { ref, entry, fp: presetFp } of presets) {
      const pr = resolvePreset(ref);
      const size = entry.size ? parseSize(entry.size) : pr.size;
      const isFeature = pr.preset.playFolder === "featureGraphic";
      const slides = isFeature ? [
        {
          s: {
            id: "feature-graphic",
            headline: m["feature-graphic"]?.headline ?? m.app?.tagline ?? m.slides[0]?.headline,
            subtitle: m["feature-graphic"]?.subtitle,
            screenshot: m["feature-graphic"]?.screenshot,
            style: { layout: "feature", ...m["feature-graphic"]?.style }
          },
          fp: m["feature-graphic"] ? ["feature-graphic"] : ["slides", 0]
        }
      ] : m.slides.flatMap(
        (s, i) => !s.presets || s.presets.includes(ref) ? [{ s, fp: ["slides", i] }] : []
      );
      for (const appearance of appearances)
        slides.forEach(({ s, fp }, k) => {
          const index = k + 1;
          const device = pr.preset.device;
          const vars = {
            locale: PSEUDO_LOCALES.includes(locale) ? baseLocale : locale,
            device,
            slide: s.id,
            preset: pr.preset.id,
            appearance
          };
          const capture = typeof s.screenshot === "object" ? { spec: s.screenshot.capture, field: fieldName([...fp, "screenshot", "capture"]) } : void 0;
          const style = styleOf([
            theme.style,
            m.style,
            appearance && m["appearance-style"]?.[appearance],
            localeStyle(m["locale-style"], locale),
            s.style,
            entry.style
          ]);
          const pattern = typeof s.screenshot === "string" ? s.screenshot : isFeature || capture || withoutDevice(style.layout) ? void 0 : m.screenshots;
          const shotFp = s.screenshot ? [...fp, "screenshot"] : ["screenshots"];
          const screenshot = capture ? path6.join(privateRunDir("captures"), `${sha256(JSON.stringify(capture.spec))}.png`) : pattern ? resolveShot(pattern, vars, shotFp) : void 0;
          const second = s["second-screenshot"] ? resolveFile(fillPattern(s["second-screenshot"], vars), [...fp, "second-screenshot"]) : void 0;
          const third = s["third-screenshot"] ? resolveFile(fillPattern(s["third-screenshot"], vars), [...fp, "third-screenshot"]) : void 0;
          const content = resolveContent(s, fp, (v, at) => resolveText(v, locale, at));
          const alternate = appearance !== void 0 && appearance !== appearances[0];
          const rel = outputPath(layout, { locale, preset: ref, slide: s.id, index, ext, appearance, alternate });
          if (!rel) return;
          const set = appearance ? `${locale}/${ref}/${appearance}` : `${locale}/${ref}`;
          all.push({
            id: `${set}/${s.id}`,
            set,
            locale,
            ...appearance ? { appearance, ...alternate ? { alternate } : {} } : {},
            rtl: isRtlLocale(locale),
            preset: ref,
            presetId: pr.preset.id,
            store: pr.preset.store,
            device,
            landscape: pr.landscape,
            size,
            slide: s.id,
            index,
            count: slides.length,
            headline: resolveText(s.headline, locale, [...fp, "headline"]),
            subtitle: resolveText(s.subtitle, locale, [...fp, "subtitle"]),
            appName: m.app?.name,
            style,
            theme: theme.name,
            screenshot,
            ...capture ? { capture } : {},
            secondScreenshot: second,
            ...third ? { thirdScreenshot: third } : {},
            ...content ? { content } : {},
            ...calloutsOf(s, device, vars.locale),
            fonts,
            baseDir: loaded.dir,
            output: { path: rel, format, quality, ...compression ? { compression } : {} },
            source: { slide: loaded.positionOf(fp), preset: loaded.positionOf(presetFp) }
          });
        });
    }
  }
  const shotDirs = new Set(
    all.flatMap((j) => [j.capture ? void 0 : j.screenshot, j.secondScreenshot, j.thirdScreenshot]).filter((f) => !!f).map((f) => path6.dirname(f))
  );
  const patterns = [
    m.screenshots,
    ...m.slides.flatMap((sl) => [
      typeof sl.screenshot === "string" ? sl.screenshot : void 0,
      sl["second-screenshot"],
      sl["third-screenshot"]
    ]),
    m["feature-graphic"]?.screenshot
  ];
  const roots = new Set(
    patterns.filter((p) => !!p).map(
      (p) => path6.resolve(loaded.dir, path6.dirname(`${p.split(/\{(?:locale|device|slide|preset|appearance)\}/)[0]}x`))
    ).filter((r) => resolveInside(loaded.dir, r, cwd) !== void 0)
  );
  const under = (dir, root) => dir === root || root !== loaded.dir && root !== path6.resolve(cwd) && isInside(root, dir, { self: true });
  const clash = [...shotDirs].find((d) => d === outDir) ?? [...roots].find((r) => under(outDir, r));
  if (clash) {
    const shown = path6.relative(cwd, clash) || ".";
    if (input.outDir)
      problems.push({
        severity: "error",
        field: "--out",
        message: expected(`an output folder outside the screenshot folder ${shown}`, "--out", input.outDir)
      });
    else
      err(
        expected(
          `an output folder outside the screenshot folder ${shown}`,
          "output.dir",
          m.output?.dir ?? "storeshots-out"
        ),
        m.output?.dir ? ["output", "dir"] : ["screenshots"]
      );
  }
  const plan = {
    manifestFile: loaded.file,
    app: { name: m.app?.name },
    locales,
    presets: presets.map((p) => p.ref),
    appearances: m.appearances ?? [],
    fallbackLocale: fallback,
    layout,
    outDir,
    all,
    jobs: all
  };
  return { plan, problems: dedupe(problems), warnings: dedupe(warnings), files };
}
function calloutsOf(s, device, locale) {
  const list = (s.callouts ?? (s.callout ? [s.callout] : [])).filter(
    (c) => (!c.devices || c.devices.includes(device)) && (!c.locales || c.locales.includes(locale))
  );
  return list.length ? { callouts: list } : {};
}
function styleOf(layers) {
  return withAutoTextColours(mergeStyle(...layers), layers);
}
function dedupe(problems) {
  const seen = /* @__PURE__ */ new Set();
  return problems.filter((p) => {
    const k = `${p.message}|${p.at?.line}|${p.at?.column}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
function parseShard(s) {
  const m = /^(\d+)\/(\d+)$/.exec(s.trim());
  const index = m ? Number(m[1]) : NaN;
  const total = m ? Number(m[2]) : NaN;
  if (!m || total < 1 || total > 256 || index < 1 || index > total) {
    throw new UserError(expected('a shard "i/n" with 1 <= i <= n <= 256', "--shard", s));
  }
  return { index, total };
}
function selectJobs(plan, sel) {
  const check = (what, given, known) => {
    for (const g of given ?? []) {
      if (!known.includes(g))
        throw new UserError(
          `Unknown ${what} "${g}" (did you mean "${(0, import_fastest_levenshtein2.closest)(g, known)}"?); the manifest has: ${known.join(", ")}`
        );
    }
  };
  check("locale", sel.locales, plan.locales);
  check("preset", sel.presets, plan.presets);
  check("slide", sel.slides, [...new Set(plan.all.map((j) => j.slide))]);
  if (sel.appearances?.length && !plan.appearances?.length)
    throw new UserError(
      `--appearance ${sel.appearances.join(",")}: the manifest has no appearances: (add appearances: [light, dark])`
    );
  check("appearance", sel.appearances, plan.appearances ?? []);
  let jobs = plan.all.filter(
    (j) => (!sel.locales?.length || sel.locales.includes(j.locale)) && (!sel.appearances?.length || j.appearance !== void 0 && sel.appearances.includes(j.appearance)) && (!sel.presets?.length || sel.presets.includes(j.preset)) && (!sel.slides?.length || sel.slides.includes(j.slide))
  );
  if (sel.shard) {
    const { index, total } = parseShard(sel.shard);
    jobs = jobs.filter((_, k) => k % total === index - 1);
  }
  return { ...plan, jobs };
}

// src/plan/callout-check.ts
init_define_globalThis_STORESHOTS_NATIVES();
import path7 from "node:path";
function calloutProblems(loaded, jobs, cwd, headerSize) {
  const problems = [];
  const seen = /* @__PURE__ */ new Set();
  const sizes = /* @__PURE__ */ new Map();
  loaded.manifest.slides.forEach((slide, i) => {
    const list = slide.callouts ? slide.callouts.map((c, k) => ({ c, fp: ["slides", i, "callouts", k] })) : slide.callout ? [{ c: slide.callout, fp: ["slides", i, "callout"] }] : [];
    if (list.length === 0) return;
    for (const job of jobs) {
      if (job.slide !== slide.id || !job.screenshot) continue;
      if (!list.some(({ c }) => job.callouts?.includes(c))) continue;
      if (!sizes.has(job.screenshot)) sizes.set(job.screenshot, headerSize(job.screenshot));
      const size = sizes.get(job.screenshot);
      if (!size) continue;
      for (const { c, fp } of list) {
        if (!job.callouts?.includes(c)) continue;
        const over = [
          ["width", c.x + c.width, size.width],
          ["height", c.y + c.height, size.height]
        ];
        for (const [field, end, limit] of over) {
          if (end <= limit) continue;
          const at = [...fp, field];
          const key = `${fieldName(at)}|${size.width}x${size.height}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const axis = field === "width" ? "x" : "y";
          problems.push({
            severity: "error",
            field: fieldName(at),
            at: loaded.positionOf(at),
            message: `Expected a call-out region inside the ${size.width}x${size.height} screenshot ${path7.relative(cwd, job.screenshot) || job.screenshot} for ${fieldName(at)} but ${axis} + ${field} = ${end} > ${limit}; shrink the region${c.devices ? "" : ", or limit it to one device family with devices: (or to locales with locales:)"}`
          });
        }
      }
    }
  });
  return problems;
}

// src/l10n/checks.ts
init_define_globalThis_STORESHOTS_NATIVES();
function headlinePlaceholderWarnings(jobs, placeholders) {
  if (!placeholders) return [];
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  for (const job of jobs) {
    for (const [what, t] of [
      ["headline", job.headline],
      ["subtitle", job.subtitle]
    ]) {
      if (!t?.key) continue;
      const ph = placeholders[t.locale]?.[t.key];
      if (!ph?.length) continue;
      const k = `${t.locale}|${t.key}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({
        severity: "warning",
        field: what,
        message: `The ${t.locale} text for key "${t.key}" (a ${what}) carries placeholder(s) ${ph.map((p) => JSON.stringify(p)).join(", ")} that a screenshot cannot fill: they were left out, the text around them is drawn (${JSON.stringify(t.text)}); give the screenshot its own text without placeholders`,
        at: t.source ?? job.source.slide
      });
    }
  }
  return out;
}
function whyNoText(why, locale, key) {
  if (!why) return void 0;
  const read = why[locale];
  if (!read?.length) return "no strings file was found for this locale";
  const parts = read.map((r) => {
    const reason = r.skipped[key] ?? r.note ?? "the key is not in it";
    return `${r.file}: ${reason}`;
  });
  return `read ${parts.join("; ")}`;
}
function strayLocaleStyles(m, positionOf) {
  const styles = m["locale-style"];
  if (!styles) return [];
  const out = [];
  const applies = (name) => m.locales.some((l) => l === name || l.split("-")[0] === name || scriptOf(l) === name);
  for (const name of Object.keys(styles)) {
    if (applies(name)) continue;
    const tag = bcp47FromFolder(name);
    const hint = tag !== name && applies(tag) ? ` (did you mean "${tag}"? locale-style keys use the manifest's BCP 47 form)` : "";
    out.push({
      severity: "warning",
      field: `locale-style.${name}`,
      message: `locale-style "${name}" applies to no locale of this project (locales: ${m.locales.join(", ")}; a key is a locale, a language such as "ja", or a script such as "Hans")${hint}; it has no effect`,
      at: positionOf(["locale-style", name])
    });
  }
  return out;
}

// src/project.ts
function themeFromIcon(loaded, cwd) {
  const icon = loaded.manifest.app?.icon;
  if (icon === void 0)
    throw new UserError(
      `Expected app.icon (a PNG of the app icon) for theme ${FROM_ICON} but the manifest has none; add app: { icon: icon.png }`
    );
  const abs = resolveInside(loaded.dir, icon, cwd);
  if (!abs)
    throw new UserError(
      `theme ${FROM_ICON}: app.icon "${icon}" leaves the manifest's folder and the working directory`
    );
  const why = notAFile(abs);
  if (why) throw new UserError(`theme ${FROM_ICON}: app.icon ${path8.relative(cwd, abs) || abs} ${why}`);
  return iconTheme(abs, loadTheme(void 0, loaded.dir, cwd));
}
function displayedSize(file) {
  try {
    const f = readImageFacts(readFileSync4(file));
    const swap = f.orientation !== void 0 && f.orientation >= 5;
    return f.width > 0 ? swap ? { width: f.height, height: f.width } : { width: f.width, height: f.height } : void 0;
  } catch {
    return void 0;
  }
}
function loadProject(opts = {}) {
  const cwd = opts.cwd ?? process.cwd();
  const file = findManifest(opts.config, cwd);
  const loaded = loadManifest(file, path8.relative(cwd, file) || file);
  const m = loaded.manifest;
  const problems = [];
  const at = (fp) => loaded.positionOf(fp);
  let theme;
  try {
    theme = m.theme === FROM_ICON ? themeFromIcon(loaded, cwd) : loadTheme(m.theme, loaded.dir, cwd);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    problems.push({ ...e.problems[0], field: "theme", at: at(["theme"]) });
    theme = { name: "aurora", style: {} };
  }
  const strings = readStrings(m.strings, m.locales, loaded.dir, {
    cwd,
    defaultLocale: m["fallback-locale"],
    positionOf: (i) => at(["strings", i])
  });
  problems.push(...strings.warnings, ...strayLocaleStyles(m, at));
  const {
    plan,
    problems: planProblems,
    warnings: planWarnings,
    files
  } = buildPlan({
    loaded,
    theme,
    strings: strings.tables,
    fixedKeys: strings.fixed,
    stringSources: strings.where,
    whyNoText: (locale, key) => whyNoText(strings.why, locale, key),
    extraLocales: opts.pseudo ? [...PSEUDO_LOCALES] : void 0,
    cwd,
    outDir: opts.outDir,
    layout: opts.layout
  });
  problems.push(...planProblems, ...planWarnings);
  const checked = /* @__PURE__ */ new Map();
  const whyNot = (abs, image) => {
    if (!checked.has(abs)) {
      let why = notAFile(abs);
      if (!why && image) why = notPngOrJpeg(abs);
      checked.set(abs, why);
    }
    return checked.get(abs);
  };
  const reported = /* @__PURE__ */ new Set();
  for (const job of plan.all) {
    for (const [p, field] of [
      // A web capture's file is written just before rendering (src/capture/jobs.ts).
      [job.capture ? void 0 : job.screenshot, "screenshot"],
      [job.secondScreenshot, "second-screenshot"],
      [job.thirdScreenshot, "third-screenshot"]
    ]) {
      const why = p && whyNot(p, true);
      if (!p || !why || reported.has(p)) continue;
      reported.add(p);
      const shown = path8.relative(cwd, p) || p;
      problems.push({
        severity: "error",
        field,
        message: why === "does not exist" ? `Screenshot for ${job.id} not found: ${shown} (from ${field === "screenshot" ? "the screenshots pattern" : field})` : `Screenshot for ${job.id} ${shown} ${why} (from ${field === "screenshot" ? "the screenshots pattern" : field})`,
        at: job.source.slide
      });
    }
  }
  for (const f of files) {
    const why = whyNot(f.abs, f.what !== "font file" && !f.what.startsWith("font file"));
    if (!why || reported.has(`${f.abs}|${f.field}`)) continue;
    reported.add(`${f.abs}|${f.field}`);
    const shown = path8.relative(cwd, f.abs) || f.abs;
    const what = f.what.charAt(0).toUpperCase() + f.what.slice(1);
    problems.push({
      severity: "error",
      field: f.field,
      message: why === "does not exist" ? `${what} not found: ${shown} (${f.field})` : `${what} ${shown} ${why} (${f.field})`,
      at: f.at
    });
  }
  if (!problems.some((p) => p.severity === "error")) {
    for (const c of coverageProblems(plan.all)) {
      if (c.kind === "font") continue;
      problems.push({
        severity: "error",
        field: c.what === "app name" ? "app.name" : c.what,
        message: c.kind === "missing-glyph" ? `${c.message}: ${COVERAGE_ADVICE}` : c.message,
        at: c.at
      });
    }
  }
  if (!problems.some((p) => p.severity === "error"))
    problems.push(...calloutProblems(loaded, plan.all, cwd, displayedSize));
  problems.push(...headlinePlaceholderWarnings(plan.all, strings.placeholders));
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) throw new UserError(errors);
  return { loaded, plan, warnings: problems.filter((p) => p.severity === "warning") };
}

// src/report/index.ts
init_define_globalThis_STORESHOTS_NATIVES();
import { mkdirSync } from "node:fs";
import path9 from "node:path";

// src/report/html.ts
init_define_globalThis_STORESHOTS_NATIVES();
function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
function pathUrl(p) {
  return p.split(/[\\/]/).map(encodeURIComponent).join("/");
}
var safeHref = (url) => /^https?:\/\//i.test(url) ? escapeHtml(url) : void 0;
var kb = (n) => n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
function cardMessage(f) {
  const p = f.path;
  if (p && f.message.startsWith(p)) {
    const rest = f.message.slice(p.length).replace(/^:?\s+/, "");
    if (rest) return rest.charAt(0).toUpperCase() + rest.slice(1);
  }
  return f.message;
}
function findingHtml(f, i, target, onCard = false) {
  const href = safeHref(f.source);
  const attrs = [
    `class="finding sev-${f.severity}"`,
    `data-severity="${f.severity}"`,
    `data-finding="${i}"`,
    f.path !== void 0 ? `data-path="${escapeHtml(f.path)}"` : "",
    f.locale !== void 0 ? `data-locale="${escapeHtml(f.locale)}"` : "",
    f.preset !== void 0 ? `data-preset="${escapeHtml(f.preset)}"` : "",
    target ? `data-target="${target}" tabindex="0" role="button" title="Show the image"` : ""
  ].filter(Boolean).join(" ");
  const source = href ? `<a href="${href}" target="_blank" rel="noreferrer noopener">${escapeHtml(f.source)}</a>` : escapeHtml(f.source);
  return `<li ${attrs}><span class="badge ${f.severity}">${f.severity}</span> <code class="rule">${escapeHtml(f.rule)}</code> <span class="msg">${escapeHtml(onCard ? cardMessage(f) : f.message)}</span><span class="src">Source: ${source}, verified ${escapeHtml(f.verified)}</span></li>`;
}
function cardHtml(img, n, findings) {
  const worst = findings.some((x) => x.f.severity === "error") ? "error" : findings.length ? "warning" : "none";
  const url = pathUrl(img.path);
  const caption = `${String(img.index).padStart(2, "0")} ${img.slide}`;
  const meta = `${img.width}x${img.height} \xB7 ${img.format.toUpperCase()} \xB7 ${kb(img.bytes)}${img.cached ? " \xB7 cached" : ""}`;
  return `<figure class="card worst-${worst}" id="img-${n}" data-path="${escapeHtml(img.path)}" data-locale="${escapeHtml(img.locale)}" data-preset="${escapeHtml(img.preset)}" data-severities="${[...new Set(findings.map((x) => x.f.severity))].join(" ")}">
<button type="button" class="thumb" data-full="${escapeHtml(url)}" aria-label="Open ${escapeHtml(img.path)} full size"><img src="${escapeHtml(url)}" alt="${escapeHtml(`${img.locale} ${img.preset} ${caption}`)}" width="${img.width}" height="${img.height}" loading="lazy" decoding="async"></button>
<figcaption><strong>${escapeHtml(caption)}</strong><span class="meta">${escapeHtml(meta)}</span><a class="path" href="${escapeHtml(url)}">${escapeHtml(img.path)}</a></figcaption>
${findings.length ? `<ul class="card-findings">${findings.map(({ f, i }) => findingHtml(f, i, void 0, true)).join("")}</ul>` : ""}
</figure>`;
}
var STYLE = `
:root{color-scheme:light dark;--bg:#f6f7f9;--fg:#111827;--muted:#6b7280;--card:#fff;--line:#e5e7eb;--err:#dc2626;--warn:#d97706;--hl:#2563eb}
@media (prefers-color-scheme:dark){:root{--bg:#0b0f17;--fg:#e5e7eb;--muted:#9ca3af;--card:#111827;--line:#1f2937}}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
header{position:sticky;top:0;z-index:2;background:var(--card);border-bottom:1px solid var(--line);padding:12px 20px;display:flex;flex-wrap:wrap;gap:12px 24px;align-items:center}
h1{font-size:18px;margin:0}.summary span{margin-right:14px}.summary .e{color:var(--err);font-weight:600}.summary .w{color:var(--warn);font-weight:600}
.filters{display:flex;gap:10px;flex-wrap:wrap}.filters label{color:var(--muted)}select{font:inherit;padding:2px 6px}
main{padding:16px 20px}h2{font-size:16px;margin:24px 0 8px}h3{font-size:14px;margin:14px 0 8px;color:var(--muted);font-weight:600}
#findings{list-style:none;padding:0;margin:0 0 8px}.finding{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--warn);border-radius:6px;padding:6px 10px;margin:6px 0}
.finding.sev-error{border-left-color:var(--err)}.finding[data-target]{cursor:pointer}.finding[data-target]:hover,.finding[data-target]:focus{outline:2px solid var(--hl)}
.finding .msg{display:block;word-break:break-word}.finding .src{display:block;color:var(--muted);font-size:12px;word-break:break-all}.finding .src a{color:inherit}
.badge{display:inline-block;font-size:11px;font-weight:700;text-transform:uppercase;color:#fff;border-radius:4px;padding:0 6px;background:var(--warn)}.badge.error{background:var(--err)}
.rule{font-size:12px}.none{color:var(--muted)}
.grid{display:flex;flex-wrap:wrap;gap:14px;align-items:flex-start}
.card{margin:0;width:220px;scroll-margin-top:120px;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px;transition:box-shadow .2s}
.card.worst-error{border-color:var(--err)}.card.worst-warning{border-color:var(--warn)}
.card.highlight{outline:4px solid var(--hl);box-shadow:0 0 0 8px color-mix(in srgb,var(--hl) 25%,transparent)}
.thumb{display:block;width:100%;padding:0;border:0;background:repeating-conic-gradient(#8882 0 25%,transparent 0 50%) 50%/16px 16px;cursor:zoom-in}
.thumb img{display:block;width:100%;height:auto;max-height:420px;object-fit:contain}
figcaption{display:flex;flex-direction:column;margin-top:6px}.meta,.path{color:var(--muted);font-size:12px;word-break:break-all}
.card-findings{list-style:none;padding:0;margin:6px 0 0}.card-findings .finding{font-size:12px;padding:4px 6px}
.hidden{display:none!important}
dialog{max-width:96vw;max-height:96vh;padding:8px;border:0;border-radius:8px;background:var(--card);color:var(--fg)}dialog::backdrop{background:#000c}
dialog img{display:block;max-width:calc(96vw - 16px);max-height:calc(96vh - 70px);object-fit:contain}dialog p{margin:6px 0 0;display:flex;gap:12px;justify-content:space-between}
`;
var SCRIPT = `(() => {
  const $ = (s, r = document) => Array.from(r.querySelectorAll(s));
  const sev = document.getElementById('f-severity'), loc = document.getElementById('f-locale'), pre = document.getElementById('f-preset');
  function apply() {
    const s = sev.value, l = loc.value, p = pre.value;
    for (const c of $('.card')) {
      const sevs = c.dataset.severities.split(' ').filter(Boolean);
      const okS = s === 'all' || (s === 'clean' ? sevs.length === 0 : s === 'any' ? sevs.length > 0 : sevs.includes(s));
      c.classList.toggle('hidden', !(okS && (l === 'all' || c.dataset.locale === l) && (p === 'all' || c.dataset.preset === p)));
    }
    for (const f of $('.finding')) {
      const okS = s === 'all' || s === 'any' || f.dataset.severity === s;
      const okL = l === 'all' || f.dataset.locale === undefined || f.dataset.locale === l;
      const okP = p === 'all' || f.dataset.preset === undefined || f.dataset.preset === p;
      f.classList.toggle('hidden', s === 'clean' || !(okS && okL && okP));
    }
    for (const g of $('.set, .locale')) g.classList.toggle('hidden', $('.card:not(.hidden)', g).length === 0);
    const n = $('#findings .finding:not(.hidden)').length;
    document.getElementById('findings-none').classList.toggle('hidden', n > 0);
  }
  for (const el of [sev, loc, pre]) el.addEventListener('change', apply);
  function highlight(f) {
    for (const c of $('.card.highlight')) c.classList.remove('highlight');
    const ids = (f.dataset.target || '').split(' ').filter(Boolean);
    const cards = ids.map((id) => document.getElementById(id)).filter(Boolean);
    for (const c of cards) { c.classList.remove('hidden'); c.classList.add('highlight'); }
    for (const g of $('.set, .locale')) if ($('.card:not(.hidden)', g).length) g.classList.remove('hidden');
    if (cards[0]) { cards[0].scrollIntoView({ block: 'center', behavior: 'instant' }); cards[0].querySelector('.thumb').focus({ preventScroll: true }); }
  }
  for (const f of $('#findings .finding[data-target]')) {
    f.addEventListener('click', (e) => { if (!e.target.closest('a')) highlight(f); });
    f.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); highlight(f); } });
  }
  const dlg = document.getElementById('viewer'), full = dlg.querySelector('img'), cap = document.getElementById('viewer-caption'), open = document.getElementById('viewer-open');
  for (const t of $('.thumb')) t.addEventListener('click', () => {
    const card = t.closest('.card');
    full.src = t.dataset.full; full.alt = t.querySelector('img').alt;
    cap.textContent = card.dataset.path; open.href = t.dataset.full;
    dlg.showModal();
  });
  dlg.addEventListener('click', (e) => { if (e.target === dlg || e.target.closest('.close')) dlg.close(); });
  apply();
})();`;
var SCRIPT_HASH = `sha256-${sha256(SCRIPT, "base64")}`;
function renderReportHtml(report, opts = {}) {
  const { images, findings, summary } = report;
  const byPath = /* @__PURE__ */ new Map();
  images.forEach((img, n) => byPath.set(img.path, n));
  const targets = findings.map((f) => {
    if (f.path !== void 0 && byPath.has(f.path)) return [`img-${byPath.get(f.path)}`];
    if (f.locale === void 0 && f.preset === void 0) return [];
    return images.flatMap(
      (img, n) => (f.locale === void 0 || img.locale === f.locale) && (f.preset === void 0 || img.preset === f.preset) ? [`img-${n}`] : []
    );
  });
  const perImage = /* @__PURE__ */ new Map();
  findings.forEach((f, i) => {
    if (f.path === void 0) return;
    const n = byPath.get(f.path);
    if (n === void 0) return;
    perImage.set(n, [...perImage.get(n) ?? [], { f, i }]);
  });
  const locales = [...new Set(images.map((i) => i.locale).concat(findings.flatMap((f) => f.locale ?? [])))];
  const presets = [...new Set(images.map((i) => i.preset).concat(findings.flatMap((f) => f.preset ?? [])))];
  const option = (v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`;
  const gallery = locales.filter((l) => images.some((i) => i.locale === l)).map((locale) => {
    const sets = presets.map((preset) => {
      const list = images.map((img, n) => ({ img, n })).filter(({ img }) => img.locale === locale && img.preset === preset);
      if (!list.length) return "";
      list.sort((a, b) => a.img.index - b.img.index);
      return `<div class="set" data-locale="${escapeHtml(locale)}" data-preset="${escapeHtml(preset)}"><h3>${escapeHtml(preset)}</h3><div class="grid">${list.map(({ img, n }) => cardHtml(img, n, perImage.get(n) ?? [])).join("\n")}</div></div>`;
    }).join("\n");
    return `<section class="locale" data-locale="${escapeHtml(locale)}"><h2>${escapeHtml(locale)}</h2>${sets}</section>`;
  }).join("\n");
  const title = opts.title ? `storeshots report: ${opts.title}` : "storeshots report";
  return `${pageHead(title, STYLE, SCRIPT_HASH)}<header>
<h1>${escapeHtml(title)}</h1>
<div class="summary"><span>${summary.images} image(s)</span><span>${summary.rendered} rendered</span><span>${summary.cached} cached</span><span class="${summary.errors ? "e" : ""}">${summary.errors} error(s)</span><span class="${summary.warnings ? "w" : ""}">${summary.warnings} warning(s)</span></div>
<div class="filters">
<label>Severity <select id="f-severity"><option value="all">all</option><option value="error">errors</option><option value="warning">warnings</option><option value="any">with findings</option><option value="clean">without findings</option></select></label>
<label>Locale <select id="f-locale"><option value="all">all</option>${locales.map(option).join("")}</select></label>
<label>Preset <select id="f-preset"><option value="all">all</option>${presets.map(option).join("")}</select></label>
</div>
</header>
<main>
<h2>Findings</h2>
<ol id="findings">${findings.map((f, i) => findingHtml(f, i, targets[i].join(" ") || void 0)).join("\n")}</ol>
<p id="findings-none" class="none">No findings${findings.length ? " match the filters" : ": every image passed the store rules"}.</p>
<div id="gallery">${gallery || '<p class="none">No images in this run.</p>'}</div>
</main>
<dialog id="viewer" aria-label="Full-size image"><img alt=""><p><span id="viewer-caption"></span><span><a id="viewer-open" target="_blank" rel="noreferrer">Open file</a> <button type="button" class="close">Close</button></span></p></dialog>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
function pageHead(title, style, scriptHash) {
  const csp = `default-src 'none'; img-src * data: blob:; style-src 'unsafe-inline'; script-src '${scriptHash}'; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
`;
}

// src/report/index.ts
function buildReport(images, findings) {
  return {
    version: 1,
    images,
    findings,
    summary: {
      images: images.length,
      rendered: images.filter((i) => !i.cached).length,
      cached: images.filter((i) => i.cached).length,
      errors: findings.filter((f) => f.severity === "error").length,
      warnings: findings.filter((f) => f.severity === "warning").length
    }
  };
}
function writeReport(outDir, report, opts = {}) {
  mkdirSync(outDir, { recursive: true });
  const file = path9.join(outDir, "report.json");
  writeFileAtomic(file, `${JSON.stringify(report, null, 2)}
`);
  writeFileAtomic(path9.join(outDir, "report.html"), renderReportHtml(report, opts));
  return file;
}

// src/diff/compare.ts
init_define_globalThis_STORESHOTS_NATIVES();

// node_modules/pixelmatch/index.js
init_define_globalThis_STORESHOTS_NATIVES();
function pixelmatch(img1, img2, output, width, height, options = {}) {
  const {
    threshold = 0.1,
    alpha = 0.1,
    aaColor = [255, 255, 0],
    diffColor = [255, 0, 0],
    checkerboard = true,
    windowSize = Infinity,
    includeAA,
    diffColorAlt,
    diffMask,
    ignoreMask
  } = options;
  if (!isPixelData(img1) || !isPixelData(img2) || output && !isPixelData(output) || ignoreMask && !isPixelData(ignoreMask))
    throw new Error("Image data: Uint8Array, Uint8ClampedArray or Buffer expected.");
  if (img1.length !== img2.length || output && output.length !== img1.length)
    throw new Error(`Image sizes do not match. Image 1 size: ${img1.length}, image 2 size: ${img2.length}`);
  const len = width * height;
  if (img1.length !== len * 4) throw new Error(`Image data size does not match width/height. Expecting ${len * 4}. Got ${img1.length}`);
  if (ignoreMask && ignoreMask.length !== len)
    throw new Error(`Ignore mask size does not match image width/height. Expecting ${len}. Got ${ignoreMask.length}`);
  const a32 = new Uint32Array(img1.buffer, img1.byteOffset, len);
  const b32 = new Uint32Array(img2.buffer, img2.byteOffset, len);
  let identical = true;
  for (let i = 0; i < len; i++) {
    if (a32[i] !== b32[i] && (!ignoreMask || !ignoreMask[i])) {
      identical = false;
      break;
    }
  }
  if (identical) {
    if (output && !diffMask) {
      for (let i = 0, pos = 0; i < len; i++, pos += 4) drawGrayPixel(output, pos, img1, alpha);
    }
    return 0;
  }
  const [aaR, aaG, aaB] = aaColor;
  const [diffR, diffG, diffB] = diffColor;
  const [altR, altG, altB] = diffColorAlt || diffColor;
  let diff = 0;
  const mask = Number.isFinite(windowSize) ? new Uint8Array(len) : null;
  let firstDiffY = -1;
  let lastDiffY = 0;
  for (let i = 0, pos = 0; i < len; i++, pos += 4) {
    const delta = a32[i] === b32[i] || ignoreMask && ignoreMask[i] ? 0 : colorDelta(img1, img2, pos, checkerboard, threshold);
    if (delta) {
      const x = i % width;
      const y = i / width | 0;
      const isExcludedAA = !includeAA && (antialiased(img1, x, y, width, height, a32, b32) || antialiased(img2, x, y, width, height, b32, a32));
      if (isExcludedAA) {
        if (output && !diffMask) drawPixel(output, pos, aaR, aaG, aaB);
        if (mask) mask[i] = 2;
      } else {
        if (output) {
          if (delta < 0) {
            drawPixel(output, pos, altR, altG, altB);
          } else {
            drawPixel(output, pos, diffR, diffG, diffB);
          }
        }
        if (mask) {
          mask[i] = 1;
          if (firstDiffY < 0) firstDiffY = y;
          lastDiffY = y;
        }
        diff++;
      }
    } else if (output && !diffMask) {
      drawGrayPixel(output, pos, img1, alpha);
    }
  }
  if (!mask || !diff) return diff;
  const n = Math.min(Math.max(Math.floor(windowSize), 1), width, height);
  const colSum = new Uint16Array(width);
  let maxCount = 0;
  let bandTotal = 0;
  const yEnd = Math.min(height - 1, lastDiffY + n - 1);
  for (let y = firstDiffY; y <= yEnd; y++) {
    const rowStart = y * width;
    const leaving = y - n;
    if (leaving >= 0) {
      const leavingStart = leaving * width;
      for (let x = 0; x < width; x++) {
        const d = (mask[rowStart + x] & 1) - (mask[leavingStart + x] & 1);
        colSum[x] += d;
        bandTotal += d;
      }
    } else {
      for (let x = 0; x < width; x++) {
        const e = mask[rowStart + x] & 1;
        colSum[x] += e;
        bandTotal += e;
      }
      if (y < n - 1) continue;
    }
    if (bandTotal <= maxCount) continue;
    let windowSum = 0;
    for (let x = 0; x < n - 1; x++) windowSum += colSum[x];
    for (let x = n - 1; x < width; x++) {
      windowSum += colSum[x];
      if (windowSum > maxCount) maxCount = windowSum;
      windowSum -= colSum[x - n + 1];
    }
  }
  return maxCount;
}
function isPixelData(arr) {
  return ArrayBuffer.isView(arr) && arr.BYTES_PER_ELEMENT === 1;
}
function antialiased(img, x1, y1, width, height, a32, b32) {
  const x0 = x1 > 0 ? x1 - 1 : 0;
  const y0 = y1 > 0 ? y1 - 1 : 0;
  const x2 = x1 < width - 1 ? x1 + 1 : width - 1;
  const y2 = y1 < height - 1 ? y1 + 1 : height - 1;
  const pos4 = (y1 * width + x1) * 4;
  const cr = img[pos4];
  const cg = img[pos4 + 1];
  const cb = img[pos4 + 2];
  const ca = img[pos4 + 3];
  let zeroes = x1 === x0 || x1 === x2 || y1 === y0 || y1 === y2 ? 1 : 0;
  let min = 0;
  let max = 0;
  let minX = 0;
  let minY = 0;
  let maxX = 0;
  let maxY = 0;
  const rowStep = width * 4;
  for (let x = x0; x <= x2; x++) {
    let m = (y0 * width + x) * 4;
    for (let y = y0; y <= y2; y++, m += rowStep) {
      if (x === x1 && y === y1) continue;
      const delta = brightnessDelta(img, m, cr, cg, cb, ca);
      if (delta === 0) {
        zeroes++;
        if (zeroes > 2) return false;
      } else if (delta < min) {
        min = delta;
        minX = x;
        minY = y;
      } else if (delta > max) {
        max = delta;
        maxX = x;
        maxY = y;
      }
    }
  }
  if (min === 0 || max === 0) return false;
  return hasManySiblings(a32, minX, minY, width, height) && hasManySiblings(b32, minX, minY, width, height) || hasManySiblings(a32, maxX, maxY, width, height) && hasManySiblings(b32, maxX, maxY, width, height);
}
function hasManySiblings(img, x1, y1, width, height) {
  const pos1 = y1 * width + x1;
  const val = img[pos1];
  if (x1 > 0 && x1 < width - 1 && y1 > 0 && y1 < height - 1) {
    return +(val === img[pos1 - width - 1]) + +(val === img[pos1 - 1]) + +(val === img[pos1 + width - 1]) + +(val === img[pos1 - width]) + +(val === img[pos1 + width]) + +(val === img[pos1 - width + 1]) + +(val === img[pos1 + 1]) + +(val === img[pos1 + width + 1]) > 2;
  }
  const x0 = x1 > 0 ? x1 - 1 : 0;
  const y0 = y1 > 0 ? y1 - 1 : 0;
  const x2 = x1 < width - 1 ? x1 + 1 : width - 1;
  const y2 = y1 < height - 1 ? y1 + 1 : height - 1;
  let zeroes = x1 === x0 || x1 === x2 || y1 === y0 || y1 === y2 ? 1 : 0;
  for (let x = x0; x <= x2; x++) {
    let pos = y0 * width + x;
    for (let y = y0; y <= y2; y++, pos += width) {
      if (x === x1 && y === y1) continue;
      zeroes += +(val === img[pos]);
      if (zeroes > 2) return true;
    }
  }
  return false;
}
var LIN = new Float64Array(257);
for (let i = 0; i < 256; i++) {
  const c = i / 255;
  LIN[i] = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}
LIN[256] = LIN[255];
var L_R = new Float64Array(256);
var L_G = new Float64Array(256);
var L_B = new Float64Array(256);
var M_R = new Float64Array(256);
var M_G = new Float64Array(256);
var M_B = new Float64Array(256);
var S_R = new Float64Array(256);
var S_G = new Float64Array(256);
var S_B = new Float64Array(256);
for (let i = 0; i < 256; i++) {
  const lr = LIN[i];
  L_R[i] = 0.4122214708 * lr;
  M_R[i] = 0.2119034982 * lr;
  S_R[i] = 0.0883024619 * lr;
  L_G[i] = 0.5363325363 * lr;
  M_G[i] = 0.6806995451 * lr;
  S_G[i] = 0.2817188376 * lr;
  L_B[i] = 0.0514459929 * lr;
  M_B[i] = 0.1073969566 * lr;
  S_B[i] = 0.6299787005 * lr;
}
function linLUT(x) {
  const i = x | 0;
  return LIN[i] + (LIN[i + 1] - LIN[i]) * (x - i);
}
var CBRT_N = 4096;
var CBRT = new Float64Array(CBRT_N + 2);
for (let i = 0; i <= CBRT_N + 1; i++) CBRT[i] = Math.cbrt(i / CBRT_N);
var CBRT_EXACT = 8;
function cbrtLUT(x) {
  const t = x * CBRT_N;
  const i = t | 0;
  if (i < CBRT_EXACT) return Math.cbrt(x);
  return CBRT[i] + (CBRT[i + 1] - CBRT[i]) * (t - i);
}
var OKLAB_CACHE_BITS = 12;
var OKLAB_CACHE_SHIFT = 32 - OKLAB_CACHE_BITS;
var OKLAB_CACHE_SIZE = 1 << OKLAB_CACHE_BITS;
var OKLAB_CACHE_KEYS = new Uint32Array(OKLAB_CACHE_SIZE);
var OKLAB_CACHE_VALUES = new Float64Array(OKLAB_CACHE_SIZE * 4);
var TOE_K1 = 0.206;
var TOE_K2 = 0.03;
var TOE_K3 = (1 + TOE_K1) / (1 + TOE_K2);
function colorDelta(img1, img2, k, checkerboard, maxDelta) {
  const r1 = img1[k];
  const g1 = img1[k + 1];
  const b1 = img1[k + 2];
  const a1 = img1[k + 3];
  const r2 = img2[k];
  const g2 = img2[k + 1];
  const b2 = img2[k + 2];
  const a2 = img2[k + 3];
  if (a1 === 255 && a2 === 255) {
    return colorDeltaOpaque(r1, g1, b1, r2, g2, b2, maxDelta);
  }
  return colorDeltaTransparent(r1, g1, b1, a1, r2, g2, b2, a2, k, checkerboard, maxDelta);
}
function colorDeltaOpaque(r1, g1, b1, r2, g2, b2, maxDelta) {
  const key1 = r1 << 16 | g1 << 8 | b1;
  const slot1 = Math.imul(key1, 2654435761) >>> OKLAB_CACHE_SHIFT;
  const stored1 = key1 + 1;
  const offset1 = slot1 * 4;
  let l1, m1, s1, lr1;
  if (OKLAB_CACHE_KEYS[slot1] === stored1) {
    l1 = OKLAB_CACHE_VALUES[offset1];
    m1 = OKLAB_CACHE_VALUES[offset1 + 1];
    s1 = OKLAB_CACHE_VALUES[offset1 + 2];
    lr1 = OKLAB_CACHE_VALUES[offset1 + 3];
  } else {
    l1 = cbrtLUT(L_R[r1] + L_G[g1] + L_B[b1]);
    m1 = cbrtLUT(M_R[r1] + M_G[g1] + M_B[b1]);
    s1 = cbrtLUT(S_R[r1] + S_G[g1] + S_B[b1]);
    lr1 = lightness(l1, m1, s1);
    OKLAB_CACHE_KEYS[slot1] = stored1;
    OKLAB_CACHE_VALUES[offset1] = l1;
    OKLAB_CACHE_VALUES[offset1 + 1] = m1;
    OKLAB_CACHE_VALUES[offset1 + 2] = s1;
    OKLAB_CACHE_VALUES[offset1 + 3] = lr1;
  }
  const key2 = r2 << 16 | g2 << 8 | b2;
  const slot2 = Math.imul(key2, 2654435761) >>> OKLAB_CACHE_SHIFT;
  const stored2 = key2 + 1;
  const offset2 = slot2 * 4;
  let l2, m2, s2, lr2;
  if (OKLAB_CACHE_KEYS[slot2] === stored2) {
    l2 = OKLAB_CACHE_VALUES[offset2];
    m2 = OKLAB_CACHE_VALUES[offset2 + 1];
    s2 = OKLAB_CACHE_VALUES[offset2 + 2];
    lr2 = OKLAB_CACHE_VALUES[offset2 + 3];
  } else {
    l2 = cbrtLUT(L_R[r2] + L_G[g2] + L_B[b2]);
    m2 = cbrtLUT(M_R[r2] + M_G[g2] + M_B[b2]);
    s2 = cbrtLUT(S_R[r2] + S_G[g2] + S_B[b2]);
    lr2 = lightness(l2, m2, s2);
    OKLAB_CACHE_KEYS[slot2] = stored2;
    OKLAB_CACHE_VALUES[offset2] = l2;
    OKLAB_CACHE_VALUES[offset2 + 1] = m2;
    OKLAB_CACHE_VALUES[offset2 + 2] = s2;
    OKLAB_CACHE_VALUES[offset2 + 3] = lr2;
  }
  return oklabHyabDelta(lr1 - lr2, l1 - l2, m1 - m2, s1 - s2, maxDelta);
}
function colorDeltaTransparent(r1, g1, b1, a1, r2, g2, b2, a2, k, checkerboard, maxDelta) {
  let rb = 255, gb = 255, bb = 255;
  if (checkerboard) {
    const h = Math.imul(k >> 2, 2654435761);
    rb = 48 + 159 * (h >>> 31);
    gb = 48 + 159 * (h >>> 30 & 1);
    bb = 48 + 159 * (h >>> 29 & 1);
  }
  r1 = (r1 * a1 + rb * (255 - a1)) / 255;
  g1 = (g1 * a1 + gb * (255 - a1)) / 255;
  b1 = (b1 * a1 + bb * (255 - a1)) / 255;
  r2 = (r2 * a2 + rb * (255 - a2)) / 255;
  g2 = (g2 * a2 + gb * (255 - a2)) / 255;
  b2 = (b2 * a2 + bb * (255 - a2)) / 255;
  const lr1 = linLUT(r1), lg1 = linLUT(g1), lb1 = linLUT(b1);
  const lr2 = linLUT(r2), lg2 = linLUT(g2), lb2 = linLUT(b2);
  const l1 = cbrtLUT(0.4122214708 * lr1 + 0.5363325363 * lg1 + 0.0514459929 * lb1);
  const m1 = cbrtLUT(0.2119034982 * lr1 + 0.6806995451 * lg1 + 0.1073969566 * lb1);
  const s1 = cbrtLUT(0.0883024619 * lr1 + 0.2817188376 * lg1 + 0.6299787005 * lb1);
  const l2 = cbrtLUT(0.4122214708 * lr2 + 0.5363325363 * lg2 + 0.0514459929 * lb2);
  const m2 = cbrtLUT(0.2119034982 * lr2 + 0.6806995451 * lg2 + 0.1073969566 * lb2);
  const s2 = cbrtLUT(0.0883024619 * lr2 + 0.2817188376 * lg2 + 0.6299787005 * lb2);
  const Lr1 = lightness(l1, m1, s1);
  const Lr2 = lightness(l2, m2, s2);
  return oklabHyabDelta(Lr1 - Lr2, l1 - l2, m1 - m2, s1 - s2, maxDelta);
}
function oklabHyabDelta(dLr, dl, dm, ds, maxDelta) {
  const rest = maxDelta - Math.abs(dLr);
  if (rest >= 0) {
    const da = 1.9779984951 * dl - 2.428592205 * dm + 0.4505937099 * ds;
    const db = 0.0259040371 * dl + 0.7827717662 * dm - 0.808675766 * ds;
    if (da * da + db * db <= rest * rest) return 0;
  }
  return dLr > 0 ? -1 : 1;
}
function lightness(l, m, s) {
  const L = 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s;
  const x = TOE_K3 * L - TOE_K1;
  return 0.5 * (x + Math.sqrt(x * x + 4 * TOE_K2 * TOE_K3 * L));
}
function brightnessDelta(img, m, r1, g1, b1, a1) {
  const r2 = img[m];
  const g2 = img[m + 1];
  const b2 = img[m + 2];
  const a2 = img[m + 3];
  let dr = r1 - r2;
  let dg = g1 - g2;
  let db = b1 - b2;
  const da = a1 - a2;
  if (!dr && !dg && !db && !da) return 0;
  if (a1 < 255 || a2 < 255) {
    dr = (r1 * a1 - r2 * a2 - 255 * da) / 255;
    dg = (g1 * a1 - g2 * a2 - 255 * da) / 255;
    db = (b1 * a1 - b2 * a2 - 255 * da) / 255;
    const d = dr * 0.29889531 + dg * 0.58662247 + db * 0.11448223;
    return d === 0 && da ? da / 2 : d;
  }
  return dr * 0.29889531 + dg * 0.58662247 + db * 0.11448223;
}
function drawPixel(output, pos, r, g, b) {
  output[pos] = r;
  output[pos + 1] = g;
  output[pos + 2] = b;
  output[pos + 3] = 255;
}
function drawGrayPixel(output, i, img, alpha) {
  const val = 255 + (img[i] * 0.29889531 + img[i + 1] * 0.58662247 + img[i + 2] * 0.11448223 - 255) * alpha * img[i + 3] / 255;
  drawPixel(output, i, val, val, val);
}

// src/diff/compare.ts
var PIXEL_THRESHOLD = 0.1;
var RED = [255, 0, 0];
var BOX = [255, 0, 200];
async function decodeImage(file) {
  try {
    const { data, info } = await sharp()(file, { failOn: "error" }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (e) {
    if (e instanceof UserError) throw e;
    const what = typeof file === "string" ? file : "The image";
    throw new UserError(`${what} cannot be read as an image (${errorMessage(e).split("\n")[0]})`);
  }
}
function pad(img, width, height) {
  if (img.width === width && img.height === height) return img.data;
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < img.height; y++)
    out.set(img.data.subarray(y * img.width * 4, (y + 1) * img.width * 4), y * width * 4);
  return out;
}
function compareRaw(base, head) {
  const width = Math.max(base.width, head.width);
  const height = Math.max(base.height, head.height);
  const a = pad(base, width, height);
  const b = pad(head, width, height);
  const output = new Uint8Array(width * height * 4);
  let pixels = pixelmatch(a, b, output, width, height, {
    threshold: PIXEL_THRESHOLD,
    includeAA: false,
    alpha: 0.15,
    diffColor: [...RED],
    checkerboard: false
  });
  if (base.width !== head.width || base.height !== head.height) {
    pixels = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        const outside = x >= base.width || y >= base.height || x >= head.width || y >= head.height;
        if (outside) output.set([...RED, 255], i);
        if (outside || isRed(output, i)) pixels++;
      }
    }
  }
  const regions = pixels ? findRegions(output, width, height) : [];
  return { width, height, pixels, score: pixels / (width * height), regions, output };
}
var isRed = (px, i) => px[i] === RED[0] && px[i + 1] === RED[1] && px[i + 2] === RED[2];
function findRegions(output, width, height) {
  const cell = Math.max(8, Math.ceil(Math.max(width, height) / 96));
  const gw = Math.ceil(width / cell);
  const gh = Math.ceil(height / cell);
  const hit = new Uint8Array(gw * gh);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / cell) * gw;
    for (let x = 0; x < width; x++) if (isRed(output, (y * width + x) * 4)) hit[row + Math.floor(x / cell)] = 1;
  }
  const seen = new Uint8Array(gw * gh);
  const boxes = [];
  for (let start = 0; start < hit.length; start++) {
    if (!hit[start] || seen[start]) continue;
    let [x0, y0, x1, y1] = [gw, gh, -1, -1];
    const stack = [start];
    seen[start] = 1;
    while (stack.length) {
      const c = stack.pop();
      const cx = c % gw;
      const cy = (c - cx) / gw;
      [x0, y0, x1, y1] = [Math.min(x0, cx), Math.min(y0, cy), Math.max(x1, cx), Math.max(y1, cy)];
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          const nx = cx + dx;
          const ny = cy + dy;
          if (nx < 0 || ny < 0 || nx >= gw || ny >= gh) continue;
          const n = ny * gw + nx;
          if (hit[n] && !seen[n]) {
            seen[n] = 1;
            stack.push(n);
          }
        }
      }
    }
    const x = Math.max(0, (x0 - 1) * cell);
    const y = Math.max(0, (y0 - 1) * cell);
    boxes.push({ x, y, width: Math.min(width, (x1 + 2) * cell) - x, height: Math.min(height, (y1 + 2) * cell) - y });
  }
  return boxes.sort((p, q) => p.y - q.y || p.x - q.x);
}
function drawBoxes(img, boxes) {
  const t = Math.max(3, Math.round(Math.max(img.width, img.height) / 300));
  const fill = (x0, y0, x1, y1, c) => {
    for (let y = Math.max(0, y0); y < Math.min(img.height, y1); y++) {
      for (let x = Math.max(0, x0); x < Math.min(img.width, x1); x++) img.data.set(c, (y * img.width + x) * 4);
    }
  };
  for (const b of boxes) {
    const [x0, y0, x1, y1] = [b.x, b.y, b.x + b.width, b.y + b.height];
    const c = [...BOX, 255];
    fill(x0, y0, x1, y0 + t, c);
    fill(x0, y1 - t, x1, y1, c);
    fill(x0, y0, x0 + t, y1, c);
    fill(x1 - t, y0, x1, y1, c);
  }
}
var png = (img) => sharp()(img.data, { raw: { width: img.width, height: img.height, channels: 4 } }).removeAlpha().png({ compressionLevel: 6 }).toBuffer();
async function diffImagePng(cmp) {
  const img = { data: Uint8Array.from(cmp.output), width: cmp.width, height: cmp.height };
  drawBoxes(img, cmp.regions);
  return png(img);
}
async function sideBySidePng(base, head, regions, maxHeight = 1600) {
  const gap = Math.max(16, Math.round(Math.max(base.width, head.width) / 40));
  const width = base.width + gap + head.width;
  const height = Math.max(base.height, head.height);
  const boxed = (img) => {
    const copy = { data: Uint8Array.from(img.data), width: img.width, height: img.height };
    drawBoxes(copy, regions);
    return sharp()(copy.data, { raw: { width: copy.width, height: copy.height, channels: 4 } }).png({ compressionLevel: 0 }).toBuffer();
  };
  const [left, right] = await Promise.all([boxed(base), boxed(head)]);
  const joined = await sharp()({
    create: { width, height, channels: 4, background: { r: 17, g: 24, b: 39, alpha: 1 } }
  }).composite([
    { input: left, left: 0, top: 0 },
    { input: right, left: base.width + gap, top: 0 }
  ]).raw().toBuffer({ resolveWithObject: true });
  const out = sharp()(joined.data, {
    raw: { width: joined.info.width, height: joined.info.height, channels: 4 }
  }).removeAlpha();
  if (height > maxHeight) out.resize({ height: maxHeight });
  return out.png({ compressionLevel: 6 }).toBuffer();
}

export {
  findBrowser,
  require_ipaddr,
  UrlRefusedError,
  FetchError,
  refusedAddress,
  bareHost,
  resolveChecked,
  decodeStringsFile,
  blankJsonComments,
  parseJsonText,
  jsonLineOf,
  parseAppleStrings,
  MAX_STRINGS_BYTES,
  builtinThemes,
  loadTheme,
  outputPath,
  bcp47FromFolder,
  mergeStyle,
  selectJobs,
  loadProject,
  poolSize,
  decodeBudget,
  RenderPool,
  escapeHtml,
  pathUrl,
  pageHead,
  buildReport,
  writeReport,
  decodeImage,
  compareRaw,
  diffImagePng,
  sideBySidePng
};
