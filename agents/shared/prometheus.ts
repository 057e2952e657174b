// Prometheus text exposition (https://prometheus.io/docs/instrumenting/exposition_formats/) for the agents.

/** One series of a family: its labels and value. */
export interface Series {
  readonly labels?: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A metric family: name, type, help, and its series now. */
export interface Family {
  readonly name: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  readonly help: string;
  readonly series: readonly Series[];
}

/** A label value, escaped as the text format requires. */
export const escapeLabel = (value: string): string => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** The HELP and TYPE lines that open a family (a histogram's `_bucket`, `_sum` and `_count` series follow them). */
export const familyHeader = (name: string, type: Family['type'], help: string): string[] => [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];

function renderSeries(name: string, series: Series): string {
  const labels = Object.entries(series.labels ?? {}).map(([key, value]) => `${key}="${escapeLabel(value)}"`);
  return `${name}${labels.length === 0 ? '' : `{${labels.join(',')}}`} ${series.value}`;
}

/** The text of `families`, each with its HELP and TYPE lines. */
export function renderFamilies(families: readonly Family[]): string {
  const lines = families.flatMap((family) => [
    ...familyHeader(family.name, family.type, family.help), ...family.series.map((series) => renderSeries(family.name, series)),
  ]);
  return `${lines.join('\n')}\n`;
}

/** A family with one unlabelled series. */
export const single = (name: string, type: Family['type'], help: string) => (value: number): Family => ({ name, type, help, series: [{ value }] });
