// The one place manifests are read from disk. YAML 1.2 (the `yaml` package's default core schema)
// also reads JSON, so one parser serves `.yaml`, `.yml` and `.json` files alike.
import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import { invalidInput, notFound, type Issue } from '../../core/model/issue.ts';

/** One document of a manifest file: where it was found and its plain-data content (still unchecked). */
export interface ManifestDocument {
  /** The path as the user gave it, for messages: `examples/seed-deployment.yaml`. */
  readonly file: string;
  /** Position of the document in its file, from 0 (empty documents count too). */
  readonly index: number;
  /** The document as plain data; never `null` (empty documents are dropped). */
  readonly content: unknown;
}

/** Outcome of reading manifests: every non-empty document, or every file and syntax problem found. */
export type ManifestsResult =
  | { readonly ok: true; readonly documents: readonly ManifestDocument[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

// The yaml package's messages end with the place again (`at line 2, column 1:`) and a code frame; keep the words.
const firstLine = (text: string): string => (text.split('\n')[0] ?? text).replace(/ at line \d+, column \d+:?$/, '').trim();

/**
 * Split YAML or JSON text into its documents. Every syntax error is reported (each naming the file,
 * line and column), not the first; empty documents (`---` at the end of a file) are dropped.
 */
export function parseManifests(text: string, file: string): ManifestsResult {
  const documents: ManifestDocument[] = [];
  const issues: Issue[] = [];
  for (const [index, document] of Array.from(parseAllDocuments(text)).entries()) {
    for (const error of document.errors) {
      const at = error.linePos?.[0];
      const place = at === undefined ? file : `${file} line ${at.line}, column ${at.col}`;
      issues.push(invalidInput(place, `be valid YAML or JSON (${firstLine(error.message)})`));
    }
    if (document.errors.length > 0) continue;
    const content = toData(document, { file, index, issues });
    if (content !== null && content !== undefined) documents.push({ file, index, content });
  }
  return issues.length === 0 ? { ok: true, documents } : { ok: false, issues };
}

// `toJS` throws on alias bombs (more than 100 alias expansions); that is bad input, reported as such.
function toData(document: { toJS(): unknown }, at: { file: string; index: number; issues: Issue[] }): unknown {
  try {
    return document.toJS();
  } catch (error) {
    at.issues.push(invalidInput(`${at.file} document ${at.index + 1}`, `be plain YAML data (${firstLine(String(error))})`));
    return undefined;
  }
}

async function readOne(file: string): Promise<ManifestsResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code;
    return { ok: false, issues: [notFound(file, `be a readable file (${reason})`)] };
  }
  return parseManifests(text, file);
}

/**
 * Read manifest files (YAML or JSON, many documents each) in the order given. Reports every
 * unreadable file and syntax error at once, so one run shows the user all there is to fix.
 */
export async function readManifests(files: readonly string[]): Promise<ManifestsResult> {
  const results = await Promise.all(files.map(readOne));
  const issues = results.flatMap((result) => (result.ok ? [] : result.issues));
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, documents: results.flatMap((result) => (result.ok ? result.documents : [])) };
}
