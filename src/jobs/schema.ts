import type { KeptRow } from '../analysis/kept-counts';
import type { ReportRequest } from '../analysis/service';
import type { ExportRequest } from '../reporting/exports/service';
import type { AuthUser } from '../auth/schema';
import type { Issue } from '../shared/errors';

/** What views/partials/head.ejs and the admin navigation need from the request, as plain data a worker can receive. */
export interface PageLocals {
  lang: string;
  dir: 'ltr' | 'rtl';
  display: { lowVision: boolean; dyslexia: boolean };
  nav: { href: string; key: string; current: boolean }[];
  user: AuthUser;
  csrfToken?: string;
  /** The admin's interface languages for the selector in the navigation, and the page it sends them back to. */
  uiLanguages?: { code: string; name: string; current: boolean }[];
  returnTo?: string;
}

/** Jobs answered with one string: the report as JSON, or the dashboard page as HTML. */
export type ValueJob =
  | { kind: 'report-json'; request: ReportRequest }
  | { kind: 'dashboard'; request: ReportRequest; query: Record<string, unknown>; page: PageLocals };

/** Jobs that stream a file: the PDF report, the CSV and XLSX exports. */
export type StreamJob = { kind: 'pdf'; request: ReportRequest } | { kind: 'csv' | 'xlsx'; request: ExportRequest; labels: boolean };

/** Told before the first byte of a streamed job, so the route can set its headers (or fail cleanly before). */
export interface StreamStart {
  fileName: string;
}

/** An error crossing from a worker: an AppError keeps its status, code and message key for the error middleware. */
export type SerializedError =
  | { app: true; status: number; code: string; messageKey: string; params: Record<string, unknown>; issues: Issue[]; message: string }
  | { app: false; message: string; stack?: string };

/** Main thread to worker. `ack` returns flow-control credit for streamed bytes; `cancel` means the reader left. */
export type ToWorker =
  | { type: 'value'; id: number; job: ValueJob }
  | { type: 'stream'; id: number; job: StreamJob }
  | { type: 'ack'; id: number; bytes: number }
  | { type: 'cancel'; id: number };

/** Worker to main thread. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'value'; id: number; value: string }
  | { type: 'start'; id: number; start: StreamStart }
  | { type: 'chunk'; id: number; data: Uint8Array }
  | { type: 'end'; id: number }
  | { type: 'error'; id: number; error: SerializedError }
  /** Counts a report kept, for the sealer thread to store (a worker's connection cannot write). */
  | { type: 'kept'; row: KeptRow };
