import { findNodeAtLocation, getLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { inLocales, type InLocales } from '../language/inLocales.js';
import type { FlowIssue } from './validateFlow.js';

export interface LocatedIssue extends FlowIssue {
  /** 1-based; null when the path names nothing in the text (e.g. a missing property). */
  line: number | null;
  column: number | null;
}

// jsonc-parser's error codes in the console's words; `message` keeps the code for API clients.
const SYNTAX: Record<string, [en: string, pt: string]> = {
  InvalidSymbol: ['a character that JSON does not allow here', 'um caractere que o JSON não aceita aqui'],
  InvalidNumberFormat: ['a malformed number', 'um número mal escrito'],
  PropertyNameExpected: ['a name in double quotes was expected', 'esperava um nome entre aspas duplas'],
  ValueExpected: ['a value was expected', 'esperava um valor'],
  ColonExpected: ['a colon (:) was expected', 'faltam dois-pontos (:)'],
  CommaExpected: ['a comma was expected', 'falta uma vírgula'],
  CloseBraceExpected: ['a closing brace (}) was expected', 'falta fechar a chave (})'],
  CloseBracketExpected: ['a closing bracket (]) was expected', 'falta fechar o colchete (])'],
  EndOfFileExpected: ['text after the end of the definition', 'há texto depois do fim da definição'],
  InvalidCommentToken: ['comments are not allowed', 'comentários não são permitidos'],
  UnexpectedEndOfComment: ['a comment that never ends', 'um comentário que não termina'],
  UnexpectedEndOfString: ['a text in quotes that never ends', 'um texto entre aspas que não termina'],
  UnexpectedEndOfNumber: ['a number that ends too soon', 'um número que termina cedo demais'],
  InvalidUnicode: ['a malformed \\u escape', 'um \\u mal escrito'],
  InvalidEscapeCharacter: ['a backslash (\\) that escapes nothing valid', 'uma barra invertida (\\) que não escapa nada válido'],
  InvalidCharacter: ['a control character inside a text', 'um caractere de controle dentro de um texto'],
};

function syntaxMessage(code: string): { message: string; messages: InLocales } {
  const words = SYNTAX[code];
  const message = `JSON: ${code}`;
  return { message, messages: words ? inLocales(`JSON: ${words[0]} (${code})`, `JSON: ${words[1]} (${code})`) : inLocales(message, message) };
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Our issue paths ("states.verifying.on.IDENTITY.OK[0].guard") as JSON path segments. Event names
 * contain dots, so at each object the longest run of dot-separated parts that is a key wins.
 */
function nodeFor(root: Node, path: string): Node | undefined {
  const parts = path.split('.').flatMap((p) => {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(p);
    if (!m) return [p];
    const idx = [...m[2]!.matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]));
    return [...(m[1] ? [m[1]] : []), ...idx];
  });
  let node: Node | undefined = root;
  let last: Node | undefined = root;
  for (let i = 0; i < parts.length && node; ) {
    if (typeof parts[i] === 'number') {
      node = findNodeAtLocation(node, [parts[i] as number]);
      i++;
    } else {
      let matched = false;
      for (let j = parts.length; j > i; j--) {
        const key = parts.slice(i, j);
        if (key.some((k) => typeof k === 'number')) continue;
        const next = findNodeAtLocation(node, [key.join('.')]);
        if (next) {
          node = next;
          i = j;
          matched = true;
          break;
        }
      }
      if (!matched) return last;
    }
    if (node) last = node;
  }
  return node ?? last;
}

/**
 * Parses an admin's flow text. Syntax errors come back with their line; otherwise `locate` puts
 * each validation issue at the line of the JSON value it concerns (or its nearest parent).
 */
export function parseFlowText(text: string): { ok: true; value: unknown; locate: (issues: FlowIssue[]) => LocatedIssue[] } | { ok: false; errors: LocatedIssue[] } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length || !root) {
    return {
      ok: false,
      errors: errors.length
        ? errors.map((e) => ({ path: getLocation(text, e.offset).path.join('.') || '(root)', ...syntaxMessage(printParseErrorCode(e.error)), ...position(text, e.offset) }))
        : [{ path: '(root)', message: 'JSON: the text is empty', messages: inLocales('JSON: the text is empty', 'JSON: o texto está vazio'), line: 1, column: 1 }],
    };
  }
  const value = JSON.parse(text) as unknown;
  return {
    ok: true,
    value,
    locate: (issues) =>
      issues.map((i) => {
        const node = i.path && !i.path.startsWith('templates') ? nodeFor(root, i.path) : undefined;
        // A property's key line reads better than its value's; an array element's first member than its brace.
        const at = node?.parent?.type === 'property' ? node.parent : node?.type === 'object' && node.children?.length ? node.children[0] : node;
        return at ? { ...i, ...position(text, at.offset) } : { ...i, line: null, column: null };
      }),
  };
}
