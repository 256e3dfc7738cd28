import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { z as Z } from 'zod';

/** Express's names for address ranges, usable in NEEDSMAP_TRUST_PROXY next to addresses and CIDR ranges. */
const PROXY_PRESETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address (10.0.0.2, ::1), a range (10.0.0.0/8, fd00::/8) or a preset: what Express's `trust proxy` list accepts. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_PRESETS.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}

/**
 * Everything the process reads from its environment, validated once at start. The only reader of process.env.
 * Built on first use: zod is loaded by the server and by commands that need the whole configuration, not by
 * `needsmap export` or `needsmap report`, which read only the database's path (`databaseFile` below).
 */
function envSchema(z: typeof Z) {
  /** A whole number of requests per minute; 0 turns the limit off. */
  const perMinute = (fallback: number) => z.coerce.number().int().min(0).max(1_000_000).default(fallback);
  return z.object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    NEEDSMAP_DB: z.string().min(1).default(DEFAULT_DB),
    NEEDSMAP_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    /** The sign-in e-mail of the admin created on first start. */
    NEEDSMAP_ADMIN_EMAIL: z.string().regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address').default('admin@localhost'),
    /** The address people reach the server at, for printed survey links and QR codes. */
    NEEDSMAP_PUBLIC_URL: z.url().optional(),
    /**
     * The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: a comma-separated list of
     * addresses, CIDR ranges or `loopback`, `linklocal`, `uniquelocal`. A hop count or `true` would believe a forged
     * header from anyone who reaches the port directly, so they are refused.
     */
    NEEDSMAP_TRUST_PROXY: z
      .string()
      .optional()
      .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean))
      .refine((list) => list.every(isProxyAddress), {
        message: 'must list the proxy addresses to trust (e.g. "loopback" or "10.0.0.2, 10.0.1.0/24"), not a hop count or true',
      }),
    /** Report and export worker threads; 0 computes them on the request loop. */
    NEEDSMAP_REPORT_WORKERS: z.coerce.number().int().min(0).max(16).default(Math.min(2, os.availableParallelism())),
    /**
     * While the request loop is busy, the share of the time report workers may be busy (src/jobs/pacer.ts):
     * respondents first. 1 turns pacing off.
     */
    NEEDSMAP_REPORT_SHARE: z.coerce.number().gt(0).max(1).default(0.1),
    /** Reports (JSON, dashboard, PDF) per signed-in user and minute. */
    NEEDSMAP_REPORT_LIMIT: perMinute(30),
    /** CSV and XLSX exports per signed-in user and minute. */
    NEEDSMAP_EXPORT_LIMIT: perMinute(10),
    /** Anonymous submissions (API responses, survey pages posted) per network address and minute: a youth centre's respondents share one address. */
    NEEDSMAP_SUBMIT_LIMIT: perMinute(600),
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  });
}

export interface Config {
  port: number;
  host: string;
  /** Absolute path of the SQLite file, or ":memory:". */
  dbFile: string;
  adminPassword?: string;
  adminEmail: string;
  publicUrl?: string;
  /** Express `trust proxy`: the proxy addresses to believe, or false. */
  trustProxy: string[] | false;
  reportWorkers: number;
  /** Share of the time report workers may be busy while the request loop is (1: no pacing). */
  reportShare: number;
  /** Requests per minute; 0 is no limit. */
  limits: { report: number; export: number; submit: number };
  env: 'development' | 'production' | 'test';
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): Config {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see envSchema
  const result = envSchema((require('zod') as typeof import('zod')).z).safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dbFile: e.NEEDSMAP_DB === ':memory:' ? ':memory:' : path.resolve(root, e.NEEDSMAP_DB),
    adminPassword: e.NEEDSMAP_ADMIN_PASSWORD,
    adminEmail: e.NEEDSMAP_ADMIN_EMAIL.toLowerCase(),
    publicUrl: e.NEEDSMAP_PUBLIC_URL?.replace(/\/$/, ''),
    trustProxy: e.NEEDSMAP_TRUST_PROXY.length ? e.NEEDSMAP_TRUST_PROXY : false,
    reportWorkers: e.NEEDSMAP_REPORT_WORKERS,
    reportShare: e.NEEDSMAP_REPORT_SHARE,
    limits: { report: e.NEEDSMAP_REPORT_LIMIT, export: e.NEEDSMAP_EXPORT_LIMIT, submit: e.NEEDSMAP_SUBMIT_LIMIT },
    env: e.NODE_ENV,
  };
}

/** The default database file, relative to the working directory. */
const DEFAULT_DB = 'db/needsmap.sqlite';

/**
 * The database file alone, by the same rule as `loadConfig` (NEEDSMAP_DB, non-empty, relative to the working
 * directory, or ":memory:"): what the command line's data commands read, without loading zod for the rest.
 */
export function databaseFile(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): string {
  const value = env.NEEDSMAP_DB ?? DEFAULT_DB;
  // An invalid value: the whole validation, for its message.
  if (value === '') return loadConfig(env, root).dbFile;
  return value === ':memory:' ? ':memory:' : path.resolve(root, value);
}

/**
 * The command line's language preferences, most specific first: NEEDSMAP_LANG, then the POSIX locale variables
 * (LC_ALL, LC_MESSAGES, LANG) as the shell sets them ("de_DE.UTF-8"). Read here because this is the one reader of
 * process.env; src/cli/i18n.ts turns them into a shipped language.
 */
export function localePreferences(env: NodeJS.ProcessEnv = process.env): string[] {
  return [env.NEEDSMAP_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG].filter((v): v is string => Boolean(v && v.trim()));
}
