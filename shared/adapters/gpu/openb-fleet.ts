import { readCsvHeader, isHeaderIssue } from './csv-header.ts';
import { lineIssue, numberedLines, type LineIssue, type Parsed } from './line-issue.ts';

/** One GPU node of an openb fleet file (`openb_node_list_gpu_node.csv`). */
export interface FleetNode {
  /** `sn`: the node name. */
  readonly name: string;
  readonly cpuMilli: number;
  readonly memoryMib: number;
  /** `gpu`: how many GPUs. */
  readonly gpus: number;
  /** `model`: P100, T4, V100M16, V100M32, A10, or the undisclosed G2 and G3. */
  readonly model: string;
}

/** The columns of an openb node list. */
export const OPENB_COLUMNS = ['sn', 'cpu_milli', 'memory_mib', 'gpu', 'model'] as const;

const NODE_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const WHOLE = /^\d{1,12}$/;

function parseRow(line: number, fields: readonly string[]): FleetNode | LineIssue {
  const [name = '', cpu = '', memory = '', gpus = '', model = ''] = fields;
  if (!NODE_NAME.test(name)) return lineIssue(line, 'openb sn', { rule: 'be a node name like openb-node-0000', received: name });
  for (const [column, text] of [['cpu_milli', cpu], ['memory_mib', memory], ['gpu', gpus]] as const) {
    if (!WHOLE.test(text)) return lineIssue(line, `openb ${column}`, { rule: 'be a whole number', received: text });
  }
  if (model === '') return lineIssue(line, 'openb model', { rule: 'be a GPU model like V100M32', received: model });
  return { name, cpuMilli: Number(cpu), memoryMib: Number(memory), gpus: Number(gpus), model };
}

/**
 * Parse an openb node list (`sn,cpu_milli,memory_mib,gpu,model`, columns by name): one GPU node per line.
 * Bad lines become issues with their line numbers; a bad header stops the parse.
 */
export function parseOpenbFleet(text: string): Parsed<FleetNode> {
  const [header, ...rows] = numberedLines(text);
  if (header === undefined) return { values: [], issues: [lineIssue(1, 'openb header', { rule: `name the columns ${OPENB_COLUMNS.join(', ')}`, received: '' })] };
  const columns = readCsvHeader(header.text, OPENB_COLUMNS, 'openb');
  if (isHeaderIssue(columns)) return { values: [], issues: [{ ...columns, line: header.line }] };
  const values: FleetNode[] = [];
  const issues: LineIssue[] = [];
  for (const row of rows) {
    const fields = row.text.split(',').map((field) => field.trim());
    const parsed = fields.length === OPENB_COLUMNS.length
      ? parseRow(row.line, OPENB_COLUMNS.map((column) => fields[columns[column]] ?? ''))
      : lineIssue(row.line, 'openb row', { rule: `have ${OPENB_COLUMNS.length} comma-separated fields`, received: row.text });
    if ('rule' in parsed) issues.push(parsed);
    else values.push(parsed);
  }
  return { values, issues };
}
