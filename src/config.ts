import path from 'node:path';
import { z } from 'zod';

/** Everything the process reads from its environment, validated once at start. The only reader of process.env. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  NEEDSMAP_DB: z.string().min(1).default('db/needsmap.sqlite'),
  NEEDSMAP_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /** The sign-in e-mail of the admin created on first start. */
  NEEDSMAP_ADMIN_EMAIL: z.string().regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address').default('admin@localhost'),
  /** The address people reach the server at, for printed survey links and QR codes. */
  NEEDSMAP_PUBLIC_URL: z.url().optional(),
  /** Express "trust proxy" value: set when a reverse proxy terminates HTTPS (e.g. "1" or "loopback"). */
  NEEDSMAP_TRUST_PROXY: z.string().optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export interface Config {
  port: number;
  host: string;
  /** Absolute path of the SQLite file, or ":memory:". */
  dbFile: string;
  adminPassword?: string;
  adminEmail: string;
  publicUrl?: string;
  trustProxy?: string | number | boolean;
  env: 'development' | 'production' | 'test';
}

export class ConfigError extends Error {}

function parseTrustProxy(value: string | undefined): Config['trustProxy'] {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): Config {
  const result = EnvSchema.safeParse(env);
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
    trustProxy: parseTrustProxy(e.NEEDSMAP_TRUST_PROXY),
    env: e.NODE_ENV,
  };
}
