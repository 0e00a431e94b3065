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
for s in "" Arabic Hebrew Thai Devanagari Bengali Tamil Telugu Gujarati Gurmukhi Kannada Malayalam Oriya; do
  for w in Regular Bold; do cp "$noto/NotoSans$s-$w.ttf" "$root/fonts/"; done
done
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
for lo, hi in [(0x20, 0x7E), (0x2000, 0x206F), (0x3000, 0x30FF), (0x3130, 0x318F), (0x31F0, 0x31FF), (0xFF00, 0xFFEF)]:
    chars.update(chr(c) for c in range(lo, hi + 1))
open('common.txt', 'w').write(''.join(sorted(chars)))
subprocess.run(['pyftsubset', 'cjk-regular.otf', '--text-file=common.txt', "--layout-features=*", '--no-hinting',
                '--output-file=' + out + '/NotoSansCJK-Regular-common.otf'], check=True)
PY
du -sh "$root/fonts"
