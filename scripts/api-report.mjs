// The public API of every package entry, read from the built `.d.ts` files (run `npm run build`
// first): one report per entry in api/<package>/<entry>.api.md. `node scripts/api-report.mjs`
// rewrites them (npm run api-report); test/packaging/api-report.test.ts fails when the build and
// the committed reports differ, so every change to the public API shows in a diff.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = ['core', 'react', 'local-runware'];

/** Every entry with types, as `{ pkg, name, subpath, dts }`, from each package.json `exports`. */
export function apiEntries() {
  const entries = [];
  for (const pkg of PACKAGES) {
    const manifest = JSON.parse(readFileSync(join(root, 'packages', pkg, 'package.json'), 'utf8'));
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      if (typeof target !== 'object' || !target.types) continue;
      const name = subpath === '.' ? 'index' : subpath.slice(2);
      entries.push({ pkg, name, subpath: `${manifest.name}${subpath === '.' ? '' : subpath.slice(1)}`, dts: join(root, 'packages', pkg, target.types) });
    }
  }
  return entries;
}

export const reportPath = (entry) => join(root, 'api', entry.pkg, `${entry.name}.api.md`);

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

function printDeclaration(declaration) {
  const file = declaration.getSourceFile();
  // A variable prints with its statement (`declare const x: T`), everything else as it stands.
  const node = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
  return printer.printNode(ts.EmitHint.Unspecified, node, file).replace(/^export (default )?/, '').replace(/^declare /, '');
}

/** The report of every entry, built from one TypeScript program over all the `.d.ts` files. */
export function renderApiReports(entries = apiEntries()) {
  const program = ts.createProgram(entries.map((e) => e.dts), { noEmit: true, skipLibCheck: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, types: [] });
  const checker = program.getTypeChecker();
  const reports = new Map();
  for (const entry of entries) {
    const file = program.getSourceFile(entry.dts);
    if (!file) throw new Error(`${entry.dts} is missing: run \`npm run build\` first.`);
    const moduleSymbol = checker.getSymbolAtLocation(file);
    const exported = moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : [];
    const sections = [];
    let values = 0;
    for (const symbol of [...exported].sort((a, b) => a.name.localeCompare(b.name))) {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      if (target.flags & ts.SymbolFlags.Value) values++;
      const declarations = (target.declarations ?? []).map(printDeclaration);
      sections.push(`### ${symbol.name}\n\n\`\`\`ts\n${declarations.join('\n') || '(no declaration)'}\n\`\`\``);
    }
    const header = `# API report: ${entry.subpath}\n\n${exported.length} exported names (${values} values, ${exported.length - values} types only).\nGenerated from the built declarations by \`npm run api-report\`; do not edit.\n`;
    reports.set(entry, `${header}\n${sections.join('\n\n')}\n`);
  }
  return reports;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [entry, text] of renderApiReports()) {
    const path = reportPath(entry);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    console.log(`${path.slice(root.length)}: ${text.split('\n')[2]}`);
  }
}
