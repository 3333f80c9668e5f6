/**
 * `plateau docs`: generate docs/generated/ from the theory declarations (Markdown, static HTML
 * with KaTeX, SVG plots, and the computed numbers). `--fast` re-renders from the stored numbers;
 * `--check` writes nothing and exits 1 when the folder is stale.
 */
import type { Command } from 'commander';
import { silentProgress, streamProgress } from '../../core/progress.ts';
import type { CommandAction } from '../common.ts';
import { EXIT_FAILED, EXIT_OK, printEnvelope } from '../output.ts';
import { allTheories, validatorsFor } from '../registry.ts';

/** Where `plateau docs` writes by default (committed; a test checks it is not stale). */
export const DEFAULT_DOCS_DIR = 'docs/generated';

interface DocsCliOptions {
  out?: string;
  fast?: boolean;
  check?: boolean;
  json?: boolean;
  quiet?: boolean;
}

const docs: CommandAction = async (opts: DocsCliOptions) => {
  const dir = opts.out ?? DEFAULT_DOCS_DIR;
  const theories = allTheories();
  // Loaded on demand: KaTeX and the renderers are not needed by the other commands.
  const { buildDocs, staleDocs, writeDocs } = await import('../../docs/generate.ts');
  const files = await buildDocs({ theories, validatorsFor, dir, fast: Boolean(opts.fast), progress: opts.quiet ? silentProgress : streamProgress() });
  if (opts.check) {
    const stale = staleDocs(dir, files);
    if (opts.json) printEnvelope({ theory: null, command: 'docs', params: { dir, fast: Boolean(opts.fast), check: true }, seed: null, backend: null, results: { stale }, diagnostics: {} });
    else process.stdout.write(stale.length ? `${dir} is stale (run plateau docs):\n${stale.map((p) => `  ${p}`).join('\n')}\n` : `${dir} is up to date (${files.size} files)\n`);
    return stale.length ? EXIT_FAILED : EXIT_OK;
  }
  const { written, removed } = writeDocs(dir, files);
  if (opts.json) {
    printEnvelope({ theory: null, command: 'docs', params: { dir, fast: Boolean(opts.fast) }, seed: null, backend: null, results: { theories: theories.map((t) => t.id), files: [...files.keys()], written, removed }, diagnostics: {} });
  } else {
    process.stdout.write(`${dir}: ${files.size} files for ${theories.length} theories (${written.length} written, ${removed.length} removed)\n`);
    for (const t of theories) process.stdout.write(`  ${dir}/${t.id}.md  ${dir}/site/${t.id}.html\n`);
  }
  return EXIT_OK;
};

export function registerDocsCommand(program: Command, wrap: (name: string, a: CommandAction) => (...args: unknown[]) => Promise<void>): void {
  program
    .command('docs')
    .description('generate the docs from the declarations: Markdown, HTML with KaTeX, SVG plots (docs/generated/)')
    .option('--out <dir>', `output folder (default ${DEFAULT_DOCS_DIR})`)
    .option('--fast', 're-render from the stored numbers (data/<theory>.json) instead of recomputing them')
    .option('--check', 'write nothing; exit 1 if the folder differs from what would be generated')
    .option('--json', 'print one JSON object on stdout')
    .option('--quiet', 'no progress on stderr')
    .action(wrap('docs', docs));
}
