import type { TFunction } from 'i18next';
import { NOTICE_KEYS, type FormNotice, type FormProblem } from './schema';

/** A problem or notice as the admin page and the command line show it, the message in `t`'s language. */
export interface ShownMessage {
  sheet: string;
  row: string;
  column: string;
  value: string;
  message: string;
}

const VALUE_SHOWN = 120;

export function showMessage(t: TFunction, m: FormProblem | FormNotice): ShownMessage {
  const group = PROBLEM_OR_NOTICE(m);
  const value = m.value ?? '';
  return {
    sheet: m.sheet ?? '',
    row: m.row !== undefined ? String(m.row) : '',
    column: m.column ? `${m.column}${m.header ? ` (${m.header})` : ''}` : '',
    value: value.length > VALUE_SHOWN ? `${value.slice(0, VALUE_SHOWN)}…` : value,
    message: t(`xlsform.${group}.${m.key}`, { ...m.params, interpolation: { escapeValue: false } }),
  };
}

const PROBLEM_OR_NOTICE = (m: FormProblem | FormNotice) => ((NOTICE_KEYS as readonly string[]).includes(m.key) ? 'notice' : 'problem');

/** One line for the command line: `survey!C12 (label::English (en)) "text": message`. */
export function messageLine(t: TFunction, m: FormProblem | FormNotice): string {
  const s = showMessage(t, m);
  const where = s.sheet ? `${s.sheet}${s.row || s.column ? '!' : ''}${m.column ?? ''}${s.row}` : '';
  const header = m.header ? ` (${m.header})` : '';
  const value = s.value ? ` "${s.value}"` : '';
  return `${where}${header}${value}${where || value ? ': ' : ''}${s.message}`;
}
