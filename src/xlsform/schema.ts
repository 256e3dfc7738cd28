import { z } from 'zod';
import type { Questionnaire } from '../questionnaires/schema';

/** One row of a sheet as read: its number in the spreadsheet (1 = first row) and its cells as trimmed text. */
export interface SheetRow {
  number: number;
  cells: string[];
}

/**
 * A worksheet as text. `firstColumn` is the spreadsheet column of `cells[0]` (1 = A): 1 in .xlsx files, 2 in the
 * CSV layout, whose column A names the sheet.
 */
export interface Sheet {
  name: string;
  rows: SheetRow[];
  firstColumn: number;
}

export interface Workbook {
  format: 'xlsx' | 'csv';
  sheets: Sheet[];
}

/** Where a problem is: the sheet, and when known the row, the column (letter and header) and the cell's value. */
export interface CellRef {
  sheet?: string;
  row?: number;
  column?: string;
  header?: string;
  value?: string;
}

/**
 * Every message the import can give, as a key of the `admin` namespace under `xlsform.problem.` or
 * `xlsform.notice.`, so it is shown in the admin's language.
 */
export const PROBLEM_KEYS = [
  'fileMissing', 'fileTooLarge', 'fileOds', 'fileXls', 'fileUnreadable', 'fileUnpacked', 'csvNoSheet',
  'sheetMissing', 'columnMissing', 'columnDuplicate', 'languageUnclear', 'languageUnsupported', 'languageNotDeclared',
  'typeMissing', 'typeUnsupported', 'nameMissing', 'nameInvalid', 'nameDuplicate', 'labelMissing', 'requiredValue',
  'listMissing', 'listTooShort', 'listTooLong', 'choiceDuplicate', 'countryCode',
  'expressionSyntax', 'expressionUnsupported', 'referenceUnknown', 'referenceLater', 'referenceNotOption', 'conditionTwice',
  'constraintUnsupported', 'constraintStrict', 'constraintRange',
  'groupNotOpen', 'groupUnclosed', 'noQuestions', 'areaMissing', 'areaUnknown', 'scaleMissing', 'scaleUnknown', 'scalePoints',
  'scalesDiffer', 'formIdInvalid', 'schema',
] as const;
export type ProblemKey = (typeof PROBLEM_KEYS)[number];

export const NOTICE_KEYS = ['renamed', 'ignoredType', 'ignoredColumn', 'noteMoved', 'purposeMissing', 'languageAssumed', 'titleFromName'] as const;
export type NoticeKey = (typeof NOTICE_KEYS)[number];

export type MessageParams = Record<string, string | number>;

export interface FormProblem extends CellRef {
  key: ProblemKey;
  params?: MessageParams;
}

/** Something imported differently from what the sheet may suggest; shown with the preview, never blocking. */
export interface FormNotice extends CellRef {
  key: NoticeKey;
  params?: MessageParams;
}

/** Survey settings a form may carry (settings sheet); they fill a survey's consent page when the form creates it. */
export interface FormController {
  controllerName?: string;
  controllerContact?: string;
}

export type FormReadResult =
  | { ok: true; questionnaire: Questionnaire; notices: FormNotice[]; controller: FormController }
  | { ok: false; problems: FormProblem[] };

/** The publish form of the preview page: the checked definition, sent back as JSON, and the settings it carries. */
export const PublishFormSchema = z.object({
  definition: z.string().min(2).max(5_000_000),
  file: z.string().trim().max(200).default('form.xlsx'),
  controllerName: z.string().trim().max(200).optional(),
  controllerContact: z.string().trim().max(200).optional(),
});
export type PublishForm = z.infer<typeof PublishFormSchema>;

export const FormFormatSchema = z.enum(['xlsx', 'csv']);
export type FormFormat = z.infer<typeof FormFormatSchema>;

/** Upload size limit of a form file (the default questionnaire in 13 languages is under 100 kB as .xlsx). */
export const MAX_FORM_BYTES = 5 * 1024 * 1024;
/** Limit of the unpacked size of an .xlsx (a zip): a small file must not unpack into gigabytes. */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
