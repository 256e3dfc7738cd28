import { isUtf8 } from 'node:buffer';
import type ExcelJS from 'exceljs';
import { readCsvWorkbook, type WorkbookRead } from './read-csv';
import { MAX_UNPACKED_BYTES, type FormProblem, type Sheet } from './schema';

const fail = (key: FormProblem['key'], params?: FormProblem['params']): WorkbookRead => ({ ok: false, problems: [{ key, ...(params ? { params } : {}) }] });

const ZIP = Buffer.from('PK\x03\x04', 'latin1');
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/**
 * The unpacked size of a zip, summed from its central directory: refused before exceljs inflates anything when it
 * exceeds MAX_UNPACKED_BYTES (a small upload that would unpack into gigabytes). Infinity when unreadable.
 */
export function unpackedSize(zip: Buffer): number {
  const from = Math.max(0, zip.length - 65_557);
  const end = zip.lastIndexOf(Buffer.from('PK\x05\x06', 'latin1'));
  if (end < from || end + 22 > zip.length) return Infinity;
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  let total = 0;
  for (let k = 0; k < entries; k++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return Infinity;
    const size = zip.readUInt32LE(at + 24);
    if (size === 0xffffffff) return Infinity;
    total += size;
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}

type CellValue = ExcelJS.CellValue;

/** A cell as the text a person sees in it: numbers as written, TRUE/FALSE as true/false, formulas by their result. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: CellValue }).result ?? null);
  if ('text' in value) return cellText(value.text as CellValue);
  return '';
}

async function readXlsx(data: Buffer): Promise<WorkbookRead> {
  if (unpackedSize(data) > MAX_UNPACKED_BYTES) return fail('fileUnpacked', { limit: MAX_UNPACKED_BYTES / 1024 / 1024 });
  // Loaded on first use: ExcelJS takes a fifth of a second to load, which every start of the server would pay.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const book = new (require('exceljs') as typeof ExcelJS).Workbook();
  try {
    await book.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return fail('fileUnreadable');
  }
  const sheets: Sheet[] = book.worksheets.map((ws) => {
    const rows: Sheet['rows'] = [];
    ws.eachRow({ includeEmpty: false }, (row, number) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (c, col) => {
        cells[col - 1] = cellText(c.value).replace(/\r\n?/g, '\n').trim();
      });
      rows.push({ number, cells: Array.from(cells, (c) => c ?? '') });
    });
    return { name: ws.name, rows, firstColumn: 1 };
  });
  return { ok: true, workbook: { format: 'xlsx', sheets } };
}

/**
 * Reads an uploaded form: .xlsx (by its zip signature) or CSV in pyxform's layout (UTF-8 text). OpenDocument
 * (.ods) and the old binary .xls are refused with a message saying to save the file as .xlsx.
 */
export async function readWorkbook(data: Buffer, fileName: string): Promise<WorkbookRead> {
  if (!data.length) return fail('fileMissing');
  const lower = fileName.toLowerCase();
  if (data.subarray(0, 4).equals(ZIP)) {
    if (lower.endsWith('.ods') || data.includes('application/vnd.oasis.opendocument.spreadsheet')) return fail('fileOds');
    return readXlsx(data);
  }
  if (data.subarray(0, 4).equals(OLE) || lower.endsWith('.xls')) return fail('fileXls');
  if (!isUtf8(data)) return fail('fileUnreadable');
  return readCsvWorkbook(data.toString('utf8'));
}
