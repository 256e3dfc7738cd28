import path from 'node:path';

/**
 * The checkout's root, whether this code runs as TypeScript from src/ (tsx, jest) or compiled from dist/src/
 * (`npm start`): views, public, db/migrations, db/questionnaires and the locales are read from there, never from dist/.
 */
export const ROOT = ((): string => {
  const up = path.resolve(__dirname, '../..');
  return path.basename(up) === 'dist' ? path.dirname(up) : up;
})();

/** True when running the compiled JavaScript in dist/. */
export const COMPILED = path.basename(path.resolve(__dirname, '../..')) === 'dist';

export const fromRoot = (...parts: string[]): string => path.join(ROOT, ...parts);
