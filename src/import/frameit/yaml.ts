// The imported manifest as YAML: the findings as a comment block at the top, small maps in flow style.
import path from 'node:path';
import { Document, isMap, visit } from 'yaml';
import type { ImportFinding } from './types.js';

export function toYaml(manifest: Record<string, unknown>, findings: ImportFinding[], framefile: string): string {
  const doc = new Document(manifest);
  const lines = [
    ` Imported from fastlane frameit (${framefile}) by "storeshots import frameit".`,
    ' Check it with "storeshots validate", then "storeshots render".',
  ];
  const group = (rule: ImportFinding['rule'], title: string) => {
    const list = findings.filter((f) => f.rule === rule);
    if (!list.length) return;
    lines.push('', ` ${title}:`);
    for (const f of list) lines.push(`   - ${f.at ? `${path.basename(f.at.file)}:${f.at.line}: ` : ''}${f.message}`);
  };
  group('import.no-equivalent', 'Not carried over (no storeshots equivalent)');
  group('import.approximated', 'Carried over approximately');
  group('import.skipped', 'Left out');
  doc.commentBefore = lines.join('\n');
  // Compact flow style for small maps keeps the file short and readable.
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((i) => !isMap(i))) node.flow = true;
    },
    Pair(_, pair) {
      const key = String((pair.key as { value?: unknown })?.value);
      if (
        isMap(pair.value) &&
        (key === 'output' || key === 'device' || (key === 'background' && pair.value.items.length <= 2))
      )
        pair.value.flow = true;
    },
  });
  return doc.toString({ lineWidth: 120 });
}
