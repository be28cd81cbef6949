/** One CSV record and the line it starts on (1-based). */
export interface CsvRecord {
  /** The fields. */
  readonly fields: string[];
  /** The line the record starts on. */
  readonly line: number;
}

/**
 * Reads CSV as Go's `encoding/csv` Reader does with its defaults and `FieldsPerRecord = -1`, the reader the API
 * server uses for `--token-auth-file`: RFC 4180 quoting (`""` inside quotes), variable field counts, empty lines
 * skipped, no comment character (a `#` line is a record), no trimming, `\r\n` read as `\n`, a `\r` just before the
 * end of input dropped, and a bare or stray quote an error (no LazyQuotes). Errors name the line.
 */
export function readCsvRecords(input: string): CsvRecord[] {
  let text = input.endsWith('\r') ? input.slice(0, -1) : input;
  text = text.replace(/\r\n/g, '\n');
  const records: CsvRecord[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    if (text[i] === '\n') {
      // empty line
      i++;
      line++;
      continue;
    }
    const start = line;
    const fields: string[] = [];
    for (;;) {
      if (text[i] === '"') {
        let field = '';
        i++;
        for (;;) {
          if (i >= n)
            throw new CsvError(start, line, 'extraneous or missing " in quoted-field (the quote is never closed)');
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        fields.push(field);
        if (i < n && text[i] !== ',' && text[i] !== '\n')
          throw new CsvError(start, line, 'extraneous or missing " in quoted-field');
      } else {
        let j = i;
        while (j < n && text[j] !== ',' && text[j] !== '\n') j++;
        const field = text.slice(i, j);
        if (field.includes('"')) throw new CsvError(start, line, 'bare " in non-quoted-field');
        fields.push(field);
        i = j;
      }
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      if (i < n) {
        // '\n'
        i++;
        line++;
      }
      break;
    }
    records.push({ fields, line: start });
  }
  return records;
}

/** A CSV syntax error, with the line the record starts on and the line of the error. */
export class CsvError extends Error {
  public constructor(
    /** The line the record starts on. */
    public readonly startLine: number,
    /** The line of the error. */
    public readonly line: number,
    reason: string,
  ) {
    super(`line ${line}${startLine !== line ? ` (record starting on line ${startLine})` : ''}: ${reason}`);
  }
}
