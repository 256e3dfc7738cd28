import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Response } from 'express';
import { fromRoot } from './paths';

/** URL prefixes of static files and the directories they are served from (src/app.ts mounts the same). */
export const STATIC_DIRS: Record<string, string> = {
  '/public': fromRoot('public'),
  '/vendor/atkinson': fromRoot('node_modules', '@fontsource', 'atkinson-hyperlegible'),
  '/vendor/opendyslexic': fromRoot('node_modules', '@fontsource', 'opendyslexic'),
  '/vendor/chart.js': fromRoot('node_modules', 'chart.js', 'dist'),
};

/** A year: what browsers and proxies may keep a fingerprinted file, which never changes under its URL. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

const hashes = new Map<string, { mtimeMs: number; size: number; hash: string }>();

/** The first 12 hex digits of the file's SHA-256, recomputed only when its modification time or size changes. */
export function fileHash(file: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return undefined;
  }
  const known = hashes.get(file);
  if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.hash;
  const hash = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 12);
  hashes.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, hash });
  return hash;
}

/** The file behind a static URL, or undefined for a URL outside the static directories. */
export function fileOf(url: string): string | undefined {
  for (const [prefix, dir] of Object.entries(STATIC_DIRS)) {
    if (!url.startsWith(`${prefix}/`)) continue;
    const file = path.resolve(dir, `.${url.slice(prefix.length)}`);
    return file.startsWith(dir + path.sep) ? file : undefined;
  }
  return undefined;
}

/**
 * The fingerprinted URL of a static file for templates: `asset('/public/css/app.css')` is
 * `/public/css/app.css?v=3f2a…`. A changed file gets a new URL, so the old one can be cached for a year.
 */
export function asset(url: string): string {
  const file = fileOf(url);
  const hash = file && fileHash(file);
  return hash ? `${url}?v=${hash}` : url;
}

/**
 * express.static's `setHeaders`: a request whose `?v=` is the file's current fingerprint is cached for a year as
 * immutable; anything else (an old or missing fingerprint, fonts a stylesheet names) for an hour.
 */
export function staticHeaders(res: Response, file: string): void {
  const version = res.req.query.v;
  res.setHeader('Cache-Control', typeof version === 'string' && version === fileHash(file) ? IMMUTABLE : 'public, max-age=3600');
}
