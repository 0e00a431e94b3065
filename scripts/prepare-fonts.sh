#!/usr/bin/env bash
# Rebuilds fonts/ from Debian's font packages (see fonts/README.md). Run as root on Debian;
# needs network access to the Debian archive. The result is committed: nothing is fetched at run time.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
apt-get install -y --no-install-recommends fonttools >/dev/null
cd "$work"
apt-get download fonts-inter-variable fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji
for deb in *.deb; do dpkg-deb -x "$deb" x; done
noto=x/usr/share/fonts/truetype/noto
cp x/usr/share/fonts/truetype/inter-vf/Inter-roman.var.ttf "$root/fonts/Inter.var.ttf"
for s in "" Arabic Hebrew Thai Devanagari Bengali Tamil Telugu Gujarati Gurmukhi Kannada Malayalam Oriya \
  Sinhala Khmer Lao Myanmar Ethiopic Armenian Georgian; do
  for w in Regular Bold; do cp "$noto/NotoSans$s-$w.ttf" "$root/fonts/"; done
done
for w in Regular Bold; do cp "$noto/NotoNastaliqUrdu-$w.ttf" "$root/fonts/"; done
cp x/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf "$root/fonts/"
/usr/bin/python3 - "$root/fonts" <<'PY'
import sys, subprocess
from fontTools.ttLib import TTCollection
out = sys.argv[1]
cjk = 'x/usr/share/fonts/opentype/noto/NotoSansCJK-%s.ttc'
TTCollection(cjk % 'Bold').fonts[0].save(out + '/NotoSansCJK-Bold.otf')
TTCollection(cjk % 'Regular').fonts[0].save('cjk-regular.otf')
chars = set()
def scan(enc, lead, trail):
    for a in lead:
        for b in trail:
            try: chars.update(bytes([a, b]).decode(enc))
            except UnicodeDecodeError: pass
scan('gb2312', range(0xA1, 0xF8), range(0xA1, 0xFF))
scan('euc_jp', range(0xA1, 0xFF), range(0xA1, 0xFF))
scan('euc_kr', range(0xA1, 0xFF), range(0xA1, 0xFF))
scan('big5', range(0xA1, 0xC7), list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)))
# Hong Kong (HKSCS: Cantonese 嘅 咗 冇 嚟 啲 喺 佢 哋), JIS X 0213 and Windows-31J (names: 髙 﨑),
# every Hangul syllable (똠 햏), and 𠮷 (a common family name outside every legacy set).
scan('big5hkscs', range(0x81, 0xFF), list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)))
scan('euc_jis_2004', range(0xA1, 0xFF), range(0xA1, 0xFF))
for a in range(0xA1, 0xFF):
    for b in range(0xA1, 0xFF):
        try: chars.update(bytes([0x8F, a, b]).decode('euc_jis_2004'))
        except UnicodeDecodeError: pass
scan('cp932', range(0x81, 0xFD), range(0x40, 0xFD))
chars.update('\U00020BB7')
for lo, hi in [(0x20, 0x7E), (0x2000, 0x206F), (0x3000, 0x30FF), (0x3130, 0x318F), (0x31F0, 0x31FF), (0xFF00, 0xFFEF),
               (0xAC00, 0xD7A3)]:
    chars.update(chr(c) for c in range(lo, hi + 1))
open('common.txt', 'w').write(''.join(sorted(chars)))
subprocess.run(['pyftsubset', 'cjk-regular.otf', '--text-file=common.txt', "--layout-features=*", '--no-hinting',
                '--output-file=' + out + '/NotoSansCJK-Regular-common.otf'], check=True)
PY
du -sh "$root/fonts"
