// Translates SurveyJS condition expressions (`{q} = "a" or {r} contains "b"`) into JSONLogic, keeping their meaning.
import type { Logic } from "./format.ts";

export class ExpressionError extends Error {}

type Token =
  | { kind: "var"; name: string }
  | { kind: "literal"; value: string | number | boolean }
  | { kind: "word"; word: string }
  | { kind: "punct"; value: string };

const WORDS = new Set(["and", "or", "not", "contains", "notcontains", "anyof", "allof", "empty", "notempty"]);
const OPERATORS = ["<>", "!=", "==", ">=", "<=", "&&", "||", "=", ">", "<", "!", "(", ")", "[", "]", ","];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "{") {
      const end = text.indexOf("}", i);
      if (end < 0) throw new ExpressionError(`unclosed "{" at ${i}`);
      tokens.push({ kind: "var", name: text.slice(i + 1, end).trim() });
      i = end + 1;
    } else if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw new ExpressionError(`unclosed string at ${i}`);
      tokens.push({ kind: "literal", value: text.slice(i + 1, end) });
      i = end + 1;
    } else if (/[0-9.-]/.test(c) && /^-?\d*\.?\d+/.test(text.slice(i))) {
      const number = /^-?\d*\.?\d+/.exec(text.slice(i))![0];
      tokens.push({ kind: "literal", value: Number(number) });
      i += number.length;
    } else if (/[A-Za-z]/.test(c)) {
      const word = /^[A-Za-z_]+/.exec(text.slice(i))![0];
      const lower = word.toLowerCase();
      if (lower === "true" || lower === "false") tokens.push({ kind: "literal", value: lower === "true" });
      else if (WORDS.has(lower)) tokens.push({ kind: "word", word: lower });
      else throw new ExpressionError(`unknown word "${word}"`);
      i += word.length;
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (!op) throw new ExpressionError(`unexpected "${c}" at ${i}`);
      tokens.push({ kind: "punct", value: op });
      i += op.length;
    }
  }
  return tokens;
}

/** SurveyJS's `contains`: membership in a list answer, substring of a text answer — what JSONLogic's `in` does too. */
function contains(left: Logic, right: Logic): Logic {
  const values = Array.isArray(right) ? right : [right];
  const tests = values.map((value) => ({ in: [value, left] }));
  return tests.length === 1 ? tests[0] : { and: tests };
}

/** Converts a SurveyJS expression; throws ExpressionError on syntax it does not know. */
export function surveyExpressionToLogic(text: string): Logic {
  const tokens = tokenize(text);
  let at = 0;
  const peek = () => tokens[at];
  const isPunct = (value: string) => peek()?.kind === "punct" && (peek() as { value: string }).value === value;
  const isWord = (word: string) => peek()?.kind === "word" && (peek() as { word: string }).word === word;
  const expect = (value: string) => {
    if (!isPunct(value)) throw new ExpressionError(`expected "${value}"`);
    at++;
  };

  const operand = (): Logic => {
    const token = peek();
    if (!token) throw new ExpressionError("unexpected end");
    if (isPunct("(")) {
      at++;
      const inner = or();
      expect(")");
      return inner;
    }
    if (isPunct("[")) {
      at++;
      const values: Logic[] = [];
      while (!isPunct("]")) {
        values.push(operand());
        if (isPunct(",")) at++;
        else if (!isPunct("]")) throw new ExpressionError('expected "," or "]"');
      }
      at++;
      return values;
    }
    at++;
    if (token.kind === "var") return { var: token.name };
    if (token.kind === "literal") return token.value;
    throw new ExpressionError(`unexpected ${token.kind === "word" ? token.word : token.value}`);
  };

  const comparison = (): Logic => {
    const grouped = isPunct("(");
    const left = operand();
    const token = peek();
    if (token?.kind === "word" && ["empty", "notempty"].includes(token.word)) {
      at++;
      return token.word === "empty" ? { "!": left } : { "!!": left };
    }
    if (token?.kind === "word" && ["contains", "notcontains", "anyof", "allof"].includes(token.word)) {
      at++;
      const right = operand();
      if (token.word === "contains") return contains(left, right);
      if (token.word === "notcontains") return { "!": contains(left, right) };
      const values = Array.isArray(right) ? right : [right];
      return { [token.word === "anyof" ? "or" : "and"]: values.map((value) => ({ in: [value, left] })) };
    }
    if (token?.kind === "punct" && ["=", "==", "!=", "<>", ">", ">=", "<", "<="].includes(token.value)) {
      at++;
      const op = token.value === "=" ? "==" : token.value === "<>" ? "!=" : token.value;
      return { [op]: [left, operand()] };
    }
    // A bare value is a test of whether it is answered; a parenthesised expression stands as it is.
    return grouped ? left : { "!!": left };
  };

  const not = (): Logic => {
    if (isWord("not") || isPunct("!")) {
      at++;
      return { "!": not() };
    }
    return comparison();
  };
  const chain = (next: () => Logic, word: string, symbol: string) => (): Logic => {
    const parts = [next()];
    while (isWord(word) || isPunct(symbol)) {
      at++;
      parts.push(next());
    }
    return parts.length === 1 ? parts[0] : { [word]: parts };
  };
  const and = chain(not, "and", "&&");
  const or = chain(and, "or", "||");

  const logic = or();
  if (at < tokens.length) throw new ExpressionError("unexpected text after the expression");
  return logic;
}
