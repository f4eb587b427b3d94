/** A value a protocol-0 pickle of lists, tuples, strings and numbers can hold. */
export type PickleValue = string | number | null | boolean | PickleValue[];

const MARK = Symbol('mark');
type Slot = PickleValue | typeof MARK;

function unescapeRawUnicode(text: string): string {
  return text.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_, u4: string, u8: string) => String.fromCodePoint(parseInt(u4 ?? u8, 16)));
}

function unquotePyString(text: string): string {
  const body = text.slice(1, -1);
  return body.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_, e: string) => {
    if (e[0] === 'x' && e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' } as Record<string, string>)[e] ?? e;
  });
}

/**
 * Read a Python pickle written with protocol 0 (the text protocol PyTables uses for attributes such
 * as pandas' `values_block_0_kind`). Only lists, tuples, str/unicode, ints, floats, bools and None
 * are understood; anything else returns null (callers then fall back to generated names).
 * @example parsePickle0('(lp0\nVE_0\np1\na.') // ['E_0']
 */
export function parsePickle0(text: string): PickleValue | null {
  const stack: Slot[] = [];
  const memo = new Map<string, PickleValue>();
  let i = 0;
  const line = (): string => {
    const nl = text.indexOf('\n', i);
    if (nl < 0) throw new Error('unterminated line');
    const s = text.slice(i, nl);
    i = nl + 1;
    return s;
  };
  const popToMark = (): PickleValue[] => {
    const at = stack.lastIndexOf(MARK);
    if (at < 0) throw new Error('no mark');
    const items = stack.splice(at) as PickleValue[];
    return items.slice(1);
  };
  try {
    while (i < text.length) {
      const op = text[i++];
      switch (op) {
        case '(': stack.push(MARK); break;
        case 'l': stack.push(popToMark()); break;
        case 't': stack.push(popToMark()); break;
        case ']': stack.push([]); break;
        case ')': stack.push([]); break;
        case 'V': stack.push(unescapeRawUnicode(line())); break;
        case 'S': stack.push(unquotePyString(line())); break;
        case 'I': {
          const v = line();
          stack.push(v === '00' ? false : v === '01' ? true : Number(v));
          break;
        }
        case 'L': stack.push(Number(line().replace(/L$/, ''))); break;
        case 'F': stack.push(Number(line())); break;
        case 'N': stack.push(null); break;
        case 'p': memo.set(line(), stack[stack.length - 1] as PickleValue); break;
        case 'g': {
          const v = memo.get(line());
          if (v === undefined) return null;
          stack.push(v);
          break;
        }
        case 'a': {
          const v = stack.pop() as PickleValue;
          (stack[stack.length - 1] as PickleValue[]).push(v);
          break;
        }
        case 'e': {
          const items = popToMark();
          (stack[stack.length - 1] as PickleValue[]).push(...items);
          break;
        }
        case '.': return stack.length === 1 ? (stack[0] as PickleValue) : null;
        default: return null;
      }
    }
  } catch {
    return null;
  }
  return null;
}

/** The strings of a pickled list of strings, or null if the pickle is anything else. */
export function pickledStringList(text: string): string[] | null {
  const v = parsePickle0(text);
  return Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : null;
}
