/**
 * The part of the XLSForm (XPath) expression language Needsmap understands, read into a small tree. What is outside
 * it is refused with the reason, never guessed. See README, "Authoring questionnaires as spreadsheets".
 */

export type Literal = string | number | boolean;

export type Expr =
  | { kind: 'or' | 'and'; items: Expr[] }
  | { kind: 'compare'; op: CompareOp; left: Expr; right: Expr }
  | { kind: 'call'; name: string; args: Expr[] }
  | { kind: 'ref'; name: string }
  | { kind: 'literal'; value: Literal }
  | { kind: 'self' };

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** A reason an expression cannot be read, as a message key with its parameters. */
export class ExpressionError extends Error {
  constructor(
    readonly key: 'expressionSyntax' | 'expressionUnsupported',
    readonly detail: string,
  ) {
    super(`${key}: ${detail}`);
  }
}

type Token =
  | { t: 'ref'; v: string }
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'op'; v: CompareOp }
  | { t: 'word'; v: string }
  | { t: '(' | ')' | ',' | '.' };

const TOKEN = /\s*(?:\$\{([^}]*)\}|'([^']*)'|"([^"]*)"|(-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(!=|<=|>=|=|<|>)|([A-Za-z_][\w.-]*)|([(),.]))/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) throw new ExpressionError('expressionSyntax', text.slice(at).trim().slice(0, 20));
    at = TOKEN.lastIndex;
    if (m[1] !== undefined) tokens.push({ t: 'ref', v: m[1].trim() });
    else if (m[2] !== undefined || m[3] !== undefined) tokens.push({ t: 'str', v: m[2] ?? m[3]! });
    else if (m[4] !== undefined) tokens.push({ t: 'num', v: Number(m[4]) });
    else if (m[5] !== undefined) tokens.push({ t: 'op', v: m[5] as CompareOp });
    else if (m[6] !== undefined) tokens.push({ t: 'word', v: m[6] });
    else tokens.push({ t: m[7] as '(' | ')' | ',' | '.' });
  }
  return tokens;
}

const show = (token: Token | undefined) => (!token ? '' : 'v' in token ? String(token.v) : token.t);

/** Parses `text`: `or` binds loosest, then `and`, then one comparison; functions, references and literals. */
export function parseExpression(text: string): Expr {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i];
  const isWord = (w: string) => peek()?.t === 'word' && (peek() as { v: string }).v === w;
  const expect = (t: Token['t']) => {
    if (peek()?.t !== t) throw new ExpressionError('expressionSyntax', show(peek()) || t);
    i++;
  };

  function list(kind: 'or' | 'and', next: () => Expr): Expr {
    const items = [next()];
    while (isWord(kind)) {
      i++;
      items.push(next());
    }
    return items.length === 1 ? items[0]! : { kind, items };
  }
  const or = (): Expr => list('or', and);
  const and = (): Expr => list('and', compare);

  function compare(): Expr {
    const left = primary();
    const token = peek();
    if (token?.t !== 'op') return left;
    i++;
    return { kind: 'compare', op: token.v, left, right: primary() };
  }

  function primary(): Expr {
    const token = tokens[i++];
    if (!token) throw new ExpressionError('expressionSyntax', text.trim().slice(-20));
    switch (token.t) {
      case '(': {
        const inner = or();
        expect(')');
        return inner;
      }
      case 'ref':
        return { kind: 'ref', name: token.v };
      case 'str':
      case 'num':
        return { kind: 'literal', value: token.v };
      case '.':
        return { kind: 'self' };
      case 'word': {
        if (peek()?.t !== '(') throw new ExpressionError('expressionUnsupported', token.v);
        i++;
        const args: Expr[] = [];
        if (peek()?.t !== ')') {
          args.push(or());
          while (peek()?.t === ',') {
            i++;
            args.push(or());
          }
        }
        expect(')');
        if ((token.v === 'true' || token.v === 'false') && args.length === 0) return { kind: 'literal', value: token.v === 'true' };
        return { kind: 'call', name: token.v, args };
      }
      default:
        throw new ExpressionError('expressionSyntax', show(token));
    }
  }

  const expr = or();
  if (i < tokens.length) throw new ExpressionError('expressionSyntax', show(tokens[i]));
  return expr;
}

/** An XPath string literal; a text holding both kinds of quote cannot be written as one. */
export function quote(value: string): string {
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  throw new Error(`the text ${value} holds both ' and ", which an XLSForm expression cannot compare with`);
}

export function writeLiteral(value: Literal): string {
  if (typeof value === 'boolean') return value ? 'true()' : 'false()';
  return typeof value === 'number' ? String(value) : quote(value);
}

/** The expression as the sheet would show it, for messages. */
export function describe(expr: Expr): string {
  switch (expr.kind) {
    case 'or':
    case 'and':
      return expr.items.map(describe).join(` ${expr.kind} `);
    case 'compare':
      return `${describe(expr.left)} ${expr.op} ${describe(expr.right)}`;
    case 'call':
      return `${expr.name}(${expr.args.map(describe).join(', ')})`;
    case 'ref':
      return `\${${expr.name}}`;
    case 'literal':
      return writeLiteral(expr.value);
    case 'self':
      return '.';
  }
}
