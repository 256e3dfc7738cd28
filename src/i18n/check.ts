import path from 'node:path';
import { Command } from 'commander';
import { LANGUAGES } from './languages';
import { LOCALES_DIR, NAMESPACES } from './index';
import { formatProblems, runCheck } from './check-lib';
import { RUNTIME_KEYS } from './runtime-keys';

const ROOT = path.resolve(__dirname, '../..');

const program = new Command('check:i18n')
  .description('every UI key in every language with the same placeholders and plural forms, no unused keys, every questionnaire text in every declared language, glossary terms (db/glossary/<lng>.json) used')
  .option('--allow-missing-namespace <ns...>', `namespaces whose file may be absent in a language (${NAMESPACES.join(', ')})`, [])
  .action((o: { allowMissingNamespace: string[] }) => {
    const unknown = o.allowMissingNamespace.filter((ns) => !(NAMESPACES as readonly string[]).includes(ns));
    if (unknown.length) throw new Error(`unknown namespace ${unknown.join(', ')}`);
    const problems = runCheck({
      localesDir: LOCALES_DIR,
      languages: LANGUAGES,
      sourceDirs: [path.join(ROOT, 'src'), path.join(ROOT, 'views')],
      questionnairesDir: path.join(ROOT, 'db/questionnaires'),
      allowMissingNamespaces: o.allowMissingNamespace,
      runtimeKeys: RUNTIME_KEYS,
      glossaryDir: path.join(ROOT, 'db/glossary'),
    });
    if (!problems.length) {
      console.log(`check:i18n: all ${LANGUAGES.length} languages complete, placeholders and plural forms consistent, no unused keys, glossary terms used.`);
      return;
    }
    console.error(formatProblems(problems));
    console.error(`\ncheck:i18n: ${problems.length} problem${problems.length === 1 ? '' : 's'}.`);
    process.exitCode = 1;
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(`check:i18n: ${(err as Error).message}`);
  process.exitCode = 1;
});
