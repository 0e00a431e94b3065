// Prometheus text exposition (version 0.0.4) for /metrics: a few counters, gauges and histograms,
// small enough that a client library would be more code to configure than this is to read.
type Labels = Record<string, string>;

const key = (labels: Labels) =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k]!.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');

interface Family {
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  values: Map<string, number>;
  buckets?: number[];
  hist?: Map<string, { counts: number[]; sum: number; count: number }>;
}

export class Metrics {
  private readonly families = new Map<string, Family>();
  private readonly collectors: Array<() => void | Promise<void>> = [];

  private family(name: string, help: string, type: Family['type'], buckets?: number[]): Family {
    let f = this.families.get(name);
    if (!f) {
      f = { help, type, values: new Map(), buckets, hist: buckets ? new Map() : undefined };
      this.families.set(name, f);
    }
    return f;
  }

  inc(name: string, help: string, labels: Labels = {}, by = 1): void {
    const f = this.family(name, help, 'counter');
    const k = key(labels);
    f.values.set(k, (f.values.get(k) ?? 0) + by);
  }

  set(name: string, help: string, value: number, labels: Labels = {}): void {
    this.family(name, help, 'gauge').values.set(key(labels), value);
  }

  observe(
    name: string,
    help: string,
    value: number,
    labels: Labels = {},
    buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
  ): void {
    const f = this.family(name, help, 'histogram', buckets);
    const k = key(labels);
    let h = f.hist!.get(k);
    if (!h) f.hist!.set(k, (h = { counts: buckets.map(() => 0), sum: 0, count: 0 }));
    buckets.forEach((b, i) => {
      if (value <= b) h.counts[i]! += 1;
    });
    h.sum += value;
    h.count += 1;
  }

  /** A function run before each scrape to refresh gauges (queue depth, pool size). */
  collect(fn: () => void | Promise<void>): void {
    this.collectors.push(fn);
  }

  async render(): Promise<string> {
    for (const c of this.collectors) await c();
    const out: string[] = [];
    const wrap = (k: string, extra?: string) => {
      const all = [k, extra].filter(Boolean).join(',');
      return all ? `{${all}}` : '';
    };
    for (const [name, f] of this.families) {
      out.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`);
      if (f.type === 'histogram') {
        for (const [k, h] of f.hist!) {
          f.buckets!.forEach((b, i) => out.push(`${name}_bucket${wrap(k, `le="${b}"`)} ${h.counts[i]}`));
          out.push(
            `${name}_bucket${wrap(k, 'le="+Inf"')} ${h.count}`,
            `${name}_sum${wrap(k)} ${h.sum}`,
            `${name}_count${wrap(k)} ${h.count}`,
          );
        }
      } else {
        for (const [k, v] of f.values) out.push(`${name}${wrap(k)} ${v}`);
      }
    }
    return `${out.join('\n')}\n`;
  }
}
