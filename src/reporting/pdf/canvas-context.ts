import { PDF_BIDI_OPTIONS, hasRtlText, visualOrder } from '../../i18n/bidi';
import { IDENTITY, apply, baselineShift, invert, multiply, parseColour, parseFont, type Matrix } from './canvas-style';
import { FONT } from './fonts';

/** A text the chart drew and the box it covers in chart coordinates (after rotation), for checking it fits. */
export interface DrawnText {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

interface State {
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  lineCap: string;
  lineJoin: string;
  miterLimit: number;
  font: string;
  textAlign: string;
  textBaseline: string;
  globalAlpha: number;
  lineDashOffset: number;
  dash: number[];
  matrix: Matrix;
}

type PathOp = ['m' | 'l', number, number] | ['c', number, number, number, number, number, number] | ['h'];

/**
 * Enough of CanvasRenderingContext2D for chart.js to draw bar and scatter charts straight into a PDF page with pdfkit:
 * paths become PDF paths (vector), text becomes PDF text in DejaVu Sans (selectable, measured with the same metrics
 * it is drawn with), state is saved and restored with the PDF's own q/Q. Coordinates are the chart's, in points, with
 * its top left corner at (x, y) of the page.
 */
export class PdfCanvasContext implements State {
  fillStyle: unknown = '#000000';
  strokeStyle: unknown = '#000000';
  lineWidth = 1;
  lineCap = 'butt';
  lineJoin = 'miter';
  miterLimit = 10;
  font = '10px sans-serif';
  textAlign = 'start';
  textBaseline = 'alphabetic';
  globalAlpha = 1;
  lineDashOffset = 0;
  direction = 'ltr';
  dash: number[] = [];
  matrix: Matrix = IDENTITY;
  /** Every text drawn, with its box. */
  readonly texts: DrawnText[] = [];
  private readonly stack: State[] = [];
  private path: PathOp[] = [];
  private start: [number, number] | null = null;
  private current: [number, number] | null = null;
  private readonly origin: Matrix;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    x: number,
    y: number,
    readonly canvas: { width: number; height: number },
  ) {
    this.origin = [1, 0, 0, 1, x, y];
  }

  save(): void {
    const { fillStyle, strokeStyle, lineWidth, lineCap, lineJoin, miterLimit, font, textAlign, textBaseline, globalAlpha, lineDashOffset, dash, matrix } = this;
    this.stack.push({ fillStyle, strokeStyle, lineWidth, lineCap, lineJoin, miterLimit, font, textAlign, textBaseline, globalAlpha, lineDashOffset, dash, matrix });
    this.doc.save();
  }

  restore(): void {
    const state = this.stack.pop();
    if (!state) return;
    Object.assign(this, state);
    this.doc.restore();
  }

  /** Closes what chart.js left open (it balances its own saves, but a throw mid-draw would not). */
  finish(): void {
    while (this.stack.length) this.restore();
  }

  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void {
    this.matrix = [a, b, c, d, e, f];
  }
  resetTransform(): void {
    this.matrix = IDENTITY;
  }
  transform(a: number, b: number, c: number, d: number, e: number, f: number): void {
    this.matrix = multiply(this.matrix, [a, b, c, d, e, f]);
  }
  translate(x: number, y: number): void {
    this.transform(1, 0, 0, 1, x, y);
  }
  rotate(angle: number): void {
    this.transform(Math.cos(angle), Math.sin(angle), -Math.sin(angle), Math.cos(angle), 0, 0);
  }
  scale(x: number, y: number): void {
    this.transform(x, 0, 0, y, 0, 0);
  }

  setLineDash(segments: number[]): void {
    this.dash = segments.length % 2 ? [...segments, ...segments] : [...segments];
  }
  getLineDash(): number[] {
    return [...this.dash];
  }

  beginPath(): void {
    this.path = [];
    this.start = this.current = null;
  }
  moveTo(x: number, y: number): void {
    const p = apply(this.matrix, x, y);
    this.path.push(['m', ...p]);
    this.start = this.current = p;
  }
  lineTo(x: number, y: number): void {
    if (!this.current) return this.moveTo(x, y);
    const p = apply(this.matrix, x, y);
    this.path.push(['l', ...p]);
    this.current = p;
  }
  bezierCurveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number): void {
    if (!this.current) this.moveTo(x1, y1);
    const p = apply(this.matrix, x, y);
    this.path.push(['c', ...apply(this.matrix, x1, y1), ...apply(this.matrix, x2, y2), ...p]);
    this.current = p;
  }
  quadraticCurveTo(cx: number, cy: number, x: number, y: number): void {
    if (!this.current) this.moveTo(cx, cy);
    // the cubic of a quadratic: control points two thirds of the way to the quadratic's
    const inverse = invert(this.matrix);
    const [x0, y0] = inverse ? apply(inverse, ...this.current!) : [cx, cy];
    this.bezierCurveTo(x0 + (2 / 3) * (cx - x0), y0 + (2 / 3) * (cy - y0), x + (2 / 3) * (cx - x), y + (2 / 3) * (cy - y), x, y);
  }
  closePath(): void {
    if (!this.current) return;
    this.path.push(['h']);
    this.current = this.start;
  }
  rect(x: number, y: number, w: number, h: number): void {
    this.moveTo(x, y);
    this.lineTo(x + w, y);
    this.lineTo(x + w, y + h);
    this.lineTo(x, y + h);
    this.closePath();
  }
  arc(x: number, y: number, radius: number, start: number, end: number, counterclockwise = false): void {
    this.ellipse(x, y, radius, radius, 0, start, end, counterclockwise);
  }
  /** Bézier quarters (or shorter), a line to the start when the path already has a point, as a canvas does. */
  ellipse(x: number, y: number, rx: number, ry: number, rotation: number, start: number, end: number, counterclockwise = false): void {
    const tau = Math.PI * 2;
    let sweep = end - start;
    if (!counterclockwise && sweep < 0) sweep = (sweep % tau) + tau;
    if (counterclockwise && sweep > 0) sweep = (sweep % tau) - tau;
    if (Math.abs(end - start) >= tau) sweep = counterclockwise ? -tau : tau;
    const cos = Math.cos(rotation);
    const sin = Math.sin(rotation);
    const point = (angle: number): [number, number] => {
      const px = rx * Math.cos(angle);
      const py = ry * Math.sin(angle);
      return [x + px * cos - py * sin, y + px * sin + py * cos];
    };
    const derivative = (angle: number): [number, number] => {
      const px = -rx * Math.sin(angle);
      const py = ry * Math.cos(angle);
      return [px * cos - py * sin, px * sin + py * cos];
    };
    const [sx, sy] = point(start);
    if (this.current) this.lineTo(sx, sy);
    else this.moveTo(sx, sy);
    const parts = Math.max(1, Math.ceil(Math.abs(sweep) / (Math.PI / 2) - 1e-9));
    const step = sweep / parts;
    const k = (4 / 3) * Math.tan(step / 4);
    for (let i = 0; i < parts; i++) {
      const a0 = start + i * step;
      const a1 = a0 + step;
      const [p0x, p0y] = point(a0);
      const [p1x, p1y] = point(a1);
      const [d0x, d0y] = derivative(a0);
      const [d1x, d1y] = derivative(a1);
      this.bezierCurveTo(p0x + k * d0x, p0y + k * d0y, p1x - k * d1x, p1y - k * d1y, p1x, p1y);
    }
  }

  fill(): void {
    this.paint('fill');
  }
  stroke(): void {
    this.paint('stroke');
  }
  clip(): void {
    this.emitPath();
    this.doc.clip();
  }
  fillRect(x: number, y: number, w: number, h: number): void {
    this.withPath(() => this.rect(x, y, w, h), 'fill');
  }
  strokeRect(x: number, y: number, w: number, h: number): void {
    this.withPath(() => this.rect(x, y, w, h), 'stroke');
  }
  /** Nothing to clear on a fresh page area. */
  clearRect(): void {}

  measureText(text: string): { width: number; actualBoundingBoxLeft: number; actualBoundingBoxRight: number; actualBoundingBoxAscent: number; actualBoundingBoxDescent: number } {
    const { line, options } = this.prepareText(text);
    const width = this.doc.widthOfString(line, options);
    const size = parseFont(this.font).size;
    return { width, actualBoundingBoxLeft: 0, actualBoundingBoxRight: width, actualBoundingBoxAscent: size * 0.8, actualBoundingBoxDescent: size * 0.2 };
  }

  fillText(text: string, x: number, y: number, maxWidth?: number): void {
    const colour = parseColour(this.fillStyle);
    if (!colour || text === '') return;
    const { doc } = this;
    const { line, options } = this.prepareText(String(text));
    const natural = doc.widthOfString(line, options);
    // a canvas squeezes text wider than maxWidth
    const squeeze = maxWidth !== undefined && maxWidth > 0 && natural > maxWidth ? maxWidth / natural : 1;
    const width = natural * squeeze;
    const align = this.textAlign;
    const left = align === 'right' || align === 'end' ? x - width : align === 'center' ? x - width / 2 : x;
    const size = parseFont(this.font).size;
    const base = y + baselineShift(doc, this.textBaseline) * size;
    this.record(String(text), left, base, width, size);
    const alpha = colour.alpha * this.globalAlpha;
    doc.save();
    doc.fillColor(colour.hex, alpha < 1 ? alpha : undefined);
    const page = multiply(this.origin, this.matrix);
    const textOptions = { ...options, baseline: 'alphabetic', ...(squeeze < 1 ? { horizontalScaling: squeeze * 100 } : {}) } as PDFKit.Mixins.TextOptions;
    if (page[0] === 1 && page[1] === 0 && page[2] === 0 && page[3] === 1) doc.text(line, page[4] + left, page[5] + base, textOptions);
    else {
      doc.transform(...page);
      doc.text(line, left, base, textOptions);
    }
    doc.restore();
  }

  /** The current font selected on the document; right-to-left text in visual order, drawn word by word as the body text is. */
  private prepareText(text: string): { line: string; options: { lineBreak: false; wordSpacing?: number } } {
    const { bold, size } = parseFont(this.font);
    this.doc.font(bold ? FONT.bold : FONT.regular).fontSize(size);
    if (!hasRtlText(text)) return { line: text, options: { lineBreak: false } };
    const first = /\p{L}/u.exec(text)?.[0] ?? '';
    return { line: visualOrder(text, hasRtlText(first) ? 'rtl' : 'ltr'), options: { ...PDF_BIDI_OPTIONS } };
  }

  /** The text's box from its baseline: the font's ascender above, its descender below (pdfkit's metrics, in 1000ths of an em). */
  private record(text: string, left: number, base: number, width: number, size: number): void {
    const font = (this.doc as unknown as { _font: { ascender: number; descender: number } })._font;
    const [top, bottom] = [base - (font.ascender * size) / 1000, base - (font.descender * size) / 1000];
    const corners = [apply(this.matrix, left, top), apply(this.matrix, left + width, top), apply(this.matrix, left, bottom), apply(this.matrix, left + width, bottom)];
    const xs = corners.map((p) => p[0]);
    const ys = corners.map((p) => p[1]);
    this.texts.push({ text, left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) });
  }

  private withPath(build: () => void, op: 'fill' | 'stroke'): void {
    const [path, start, current] = [this.path, this.start, this.current];
    this.beginPath();
    build();
    this.paint(op);
    [this.path, this.start, this.current] = [path, start, current];
  }

  private emitPath(): void {
    const { doc } = this;
    const [ox, oy] = [this.origin[4], this.origin[5]];
    for (const op of this.path) {
      if (op[0] === 'm') doc.moveTo(ox + op[1], oy + op[2]);
      else if (op[0] === 'l') doc.lineTo(ox + op[1], oy + op[2]);
      else if (op[0] === 'c') doc.bezierCurveTo(ox + op[1], oy + op[2], ox + op[3], oy + op[4], ox + op[5], oy + op[6]);
      else doc.closePath();
    }
  }

  /** Fills or strokes the current path in its own graphics state, so colours, widths and dashes never leak. */
  private paint(op: 'fill' | 'stroke'): void {
    const colour = parseColour(op === 'fill' ? this.fillStyle : this.strokeStyle);
    if (!colour || this.path.length === 0 || (op === 'stroke' && this.lineWidth <= 0)) return;
    const { doc } = this;
    const alpha = colour.alpha * this.globalAlpha;
    const opacity = alpha < 1 ? alpha : undefined;
    doc.save();
    if (op === 'fill') doc.fillColor(colour.hex, opacity);
    else {
      // line widths and dashes scale with the transform, as on a canvas
      const scale = Math.sqrt(Math.abs(this.matrix[0] * this.matrix[3] - this.matrix[1] * this.matrix[2])) || 1;
      doc.strokeColor(colour.hex, opacity).lineWidth(this.lineWidth * scale);
      doc.lineCap(this.lineCap as 'butt').lineJoin(this.lineJoin as 'miter').miterLimit(this.miterLimit);
      if (this.dash.length && this.dash.every((d) => Number.isFinite(d) && d > 0)) (doc as unknown as { dash(length: number[], options: { phase: number }): void }).dash(this.dash.map((d) => d * scale), { phase: this.lineDashOffset * scale });
    }
    this.emitPath();
    if (op === 'fill') doc.fill();
    else doc.stroke();
    doc.restore();
  }
}
