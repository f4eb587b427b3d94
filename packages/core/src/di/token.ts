/** A typed injection token: a global symbol that remembers the type it resolves to. */
export type Token<T> = symbol & { readonly __type?: T };

/**
 * Create a typed token on `Symbol.for`, so two copies of a package still share it.
 * @example export const Backend = createToken<Backend>('hepuq:backend');
 */
export function createToken<T>(name: string): Token<T> {
  return Symbol.for(name) as Token<T>;
}
