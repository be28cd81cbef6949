/** Token kinds of the selector tokenizer (upstream `tokenizer.Kind`). */
export type TokenKind =
  | 'label'
  | 'string'
  | 'lbrace'
  | 'rbrace'
  | 'comma'
  | 'eq'
  | 'ne'
  | 'in'
  | 'not'
  | 'notIn'
  | 'contains'
  | 'startsWith'
  | 'endsWith'
  | 'all'
  | 'has'
  | 'lparen'
  | 'rparen'
  | 'and'
  | 'or'
  | 'global'
  | 'eof';

/** One token with its source span (`start` inclusive, `end` exclusive, UTF-16 offsets). */
export interface Token {
  readonly kind: TokenKind;
  /** Label key for `label`/`has`, literal contents for `string`, otherwise empty. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}
