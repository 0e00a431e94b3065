import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import {
  fieldName,
  require_mod,
  validator
} from "./chunk-ZG74FTQF.js";
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
  tasks = { batch: 0, facts: 0, lint: 0 };
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
init_define_globalThis_STORESHOTS_NATIVES();
var import_fastest_levenshtein2 = __toESM(require_mod(), 1);
import os2 from "node:os";
import path4 from "node:path";
import { existsSync as existsSync3 } from "node:fs";

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
      const pad = Math.ceil(letters.length * PSEUDO_EXPANSION);
      return letters.map((c) => ACCENTS[c] ?? c).join("") + Array.from({ length: pad }, (_, k) => PAD[k % PAD.length]).join("");
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

// src/l10n/whitespace.ts
init_define_globalThis_STORESHOTS_NATIVES();
function normalizeWhitespace(text) {
  return text.replace(/\r\n?|[\u0085\u2028\u2029]/g, "\n").replace(/[\t\v\f]/g, " ");
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
    if (!abs || existsSync3(abs) || !pattern.includes("{locale}")) return abs;
    for (const form of folderForms(vars.locale).slice(1)) {
      const alt = resolveInside(loaded.dir, fillPattern(pattern, { ...vars, locale: form }), cwd);
      if (alt && existsSync3(alt)) return alt;
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
        const templates = path4.join(packageRoot(), "templates");
        const abs = resolveInside(templates, name, templates);
        if (!abs || !name || path4.dirname(abs) !== templates) {
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
  const outDir = input.outDir ? path4.resolve(cwd, input.outDir) : m.output?.dir ? resolveFile(m.output.dir, ["output", "dir"]) ?? path4.resolve(loaded.dir, "storeshots-out") : path4.resolve(cwd, "storeshots-out");
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
          const screenshot = capture ? path4.join(os2.tmpdir(), "storeshots-captures", `${sha256(JSON.stringify(capture.spec))}.png`) : pattern ? resolveShot(pattern, vars, shotFp) : void 0;
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
    all.flatMap((j) => [j.capture ? void 0 : j.screenshot, j.secondScreenshot, j.thirdScreenshot]).filter((f) => !!f).map((f) => path4.dirname(f))
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
      (p) => path4.resolve(loaded.dir, path4.dirname(`${p.split(/\{(?:locale|device|slide|preset|appearance)\}/)[0]}x`))
    )
  );
  const under = (dir, root) => dir === root || root !== loaded.dir && root !== path4.resolve(cwd) && isInside(root, dir, { self: true });
  const clash = [...shotDirs].find((d) => d === outDir) ?? [...roots].find((r) => under(outDir, r));
  if (clash) {
    const shown = path4.relative(cwd, clash) || ".";
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

export {
  findBrowser,
  require_ipaddr,
  UrlRefusedError,
  FetchError,
  refusedAddress,
  bareHost,
  resolveChecked,
  normalizeWhitespace,
  builtinThemes,
  loadTheme,
  outputPath,
  bcp47FromFolder,
  mergeStyle,
  scriptOf,
  buildPlan,
  selectJobs,
  poolSize,
  decodeBudget,
  RenderPool
};
