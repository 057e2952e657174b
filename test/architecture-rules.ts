// The dependency rule of STYLE §1 as a checker over TypeScript syntax trees, so comments and strings
// never count and type-only, dynamic and `require` imports all do. Used by test/architecture.test.ts.
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import ts from 'typescript';

/** Every rule the checker enforces; each violation names one. */
export const RULES = {
  'node-import': 'imports a Node.js built-in (I/O belongs in adapters)',
  'sdk-import': 'imports an SDK or I/O library (it belongs in shared/adapters)',
  'layer-import': 'imports an outer layer (imports point inward only)',
  'outside-import': 'imports something other than zod, shared/core or shared/schemas',
  'schemas-import': 'imports something other than zod, shared/schemas, shared/core/quantity or shared/core/model',
  'dynamic-import': 'imports a module whose name is not a string literal',
  'process-env': 'reads process.env (configuration is passed in)',
  'process': 'touches process (no process access in the core)',
  'date-now': 'reads Date.now (time comes from the Clock port)',
  'new-date': 'constructs or calls Date (time comes from the Clock port)',
  'math-random': 'calls Math.random (randomness is injected)',
  'console': 'writes to console (logging belongs to the edges)',
  'impure-global': 'uses a timer, fetch, performance or crypto global',
} as const;

export type Rule = keyof typeof RULES;

export interface Violation {
  readonly rule: Rule;
  readonly line: number;
  readonly text: string;
}

/** Which imports a folder may make, and whether its code must be free of clock, env, randomness and console. */
export interface Policy {
  readonly outsideRule: 'outside-import' | 'schemas-import';
  readonly allowedTargets: readonly string[];
  readonly pureCode: boolean;
}

export const CORE_POLICY: Policy = { outsideRule: 'outside-import', allowedTargets: ['shared/core/', 'shared/schemas/'], pureCode: true };
export const SCHEMAS_POLICY: Policy = {
  outsideRule: 'schemas-import',
  allowedTargets: ['shared/schemas/', 'shared/core/quantity/', 'shared/core/model/'],
  pureCode: false,
};

const SDK = /^(?:@aws-sdk\/|@middy\/|middy$|kafkajs$|@kubernetes\/client-node$|dynalite$|yaml$)/;
const OUTER_LAYER = /(?:^|\/)(?:shared\/(?:adapters|ports|middleware)|functions|agents|cli|infra)(?:\/|$)/;
const IMPURE_GLOBALS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'fetch', 'performance', 'crypto']);
const GUARDED_GLOBALS = ['process', 'console', 'Date', 'Math', ...IMPURE_GLOBALS];

/** The rule an import of `specifier` from repo-relative `file` breaks, if any. */
export function classifyImport(specifier: string, file: string, policy: Policy): Rule | undefined {
  const target = specifier.startsWith('.') ? posix.join(posix.dirname(file), specifier) : specifier;
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0] ?? '')) return 'node-import';
  if (SDK.test(specifier)) return 'sdk-import';
  if (OUTER_LAYER.test(target)) return 'layer-import';
  if (specifier === 'zod' || specifier.startsWith('zod/')) return undefined;
  const inside = specifier.startsWith('.') && policy.allowedTargets.some((prefix) => target.startsWith(prefix));
  return inside ? undefined : policy.outsideRule;
}

function moduleSpecifier(node: ts.Node): ts.Expression | undefined {
  if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return node.moduleSpecifier;
  if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) return node.moduleReference.expression;
  if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) return node.argument.literal as ts.Expression;
  const isLoader = ts.isCallExpression(node)
    && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'));
  return isLoader ? (node.arguments[0] ?? node.expression) : undefined;
}

function declaredNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    const named = node as { name?: ts.Node };
    const isBinding = ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)
      || ts.isImportSpecifier(node) || ts.isImportClause(node) || ts.isNamespaceImport(node) || ts.isBindingElement(node);
    if (isBinding && named.name !== undefined && ts.isIdentifier(named.name)) names.add(named.name.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/** `Date` for `Date` or `globalThis.Date` when the file does not declare its own `Date`; else undefined. */
function globalOf(node: ts.Node, shadowed: Set<string>): string | undefined {
  if (ts.isIdentifier(node)) return shadowed.has(node.text) ? undefined : node.text;
  const isGlobalThis = ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'globalThis';
  return isGlobalThis ? node.name.text : undefined;
}

function memberOf(node: ts.Node): { object: ts.Expression; name: string } | undefined {
  if (ts.isPropertyAccessExpression(node)) return { object: node.expression, name: node.name.text };
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
    return { object: node.expression, name: node.argumentExpression.text };
  }
  return undefined;
}

/** Whether `node` refers to a binding, rather than naming a property, member or declaration. */
function isReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isShorthandPropertyAssignment(parent)) return true;
  if (ts.isQualifiedName(parent)) return parent.left === node;
  const named = parent as { name?: ts.Node; propertyName?: ts.Node };
  return named.name !== node && named.propertyName !== node;
}

function usageRule(node: ts.Node, shadowed: Set<string>): Rule | undefined {
  const member = memberOf(node);
  const owner = member === undefined ? undefined : globalOf(member.object, shadowed);
  if (owner === 'process') return member?.name === 'env' ? 'process-env' : 'process';
  if (owner === 'Date' && member?.name === 'now') return 'date-now';
  if (owner === 'Math' && member?.name === 'random') return 'math-random';
  if (owner === 'console') return 'console';
  if (owner !== undefined && IMPURE_GLOBALS.has(owner)) return 'impure-global';
  if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && globalOf(node.expression, shadowed) === 'Date') return 'new-date';
  const name = ts.isIdentifier(node) && !isReference(node) ? undefined : globalOf(node, shadowed);
  if (name === 'process') return 'process';
  return name !== undefined && IMPURE_GLOBALS.has(name) ? 'impure-global' : undefined;
}

/** Every violation of `policy` in `text`, the content of repo-relative `file`, in source order. */
export function checkSource(text: string, file: string, policy: Policy): Violation[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const shadowed = new Set([...declaredNames(source)].filter((name) => GUARDED_GLOBALS.includes(name)));
  const found: Violation[] = [];
  const report = (node: ts.Node, rule: Rule): void => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ rule, line, text: node.getText(source).split('\n')[0] ?? '' });
  };
  const visit = (node: ts.Node): void => {
    const specifier = moduleSpecifier(node);
    if (specifier !== undefined) {
      const rule = ts.isStringLiteralLike(specifier) ? classifyImport(specifier.text, file, policy) : 'dynamic-import';
      if (rule !== undefined) report(node, rule);
    }
    const rule = policy.pureCode ? usageRule(node, shadowed) : undefined;
    if (rule !== undefined) report(node, rule);
    // The object of a reported member (`process` in `process.env`) is not reported a second time.
    const reported = rule === undefined ? undefined : memberOf(node)?.object;
    ts.forEachChild(node, (child) => {
      if (child !== reported) visit(child);
    });
  };
  visit(source);
  return found;
}
