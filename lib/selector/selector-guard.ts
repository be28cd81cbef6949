/** The boundary check for arguments and props that must be a {@link Selector} (never parse implicitly). */
import { describeValue, rejectInput } from '../model/primitives/guard';
import { Selector } from './selector';

/** What a Selector argument expects, for messages. */
export const SELECTOR_EXPECTED = 'a Selector (Selector.parse("..."), Selector.eq(...), Selector.has(...), ...)';

/**
 * `v` as a Selector, or the library's error. Selector text is refused with the exact call to write instead: parsing
 * it silently would hide a typo behind a different meaning, and jsii users get the same answer as TypeScript users.
 */
export function guardSelector(v: unknown, where: string, field: string): Selector {
  if (v instanceof Selector) return v;
  const fix =
    typeof v === 'string'
      ? `pass Selector.parse(${JSON.stringify(v)}) instead of the text (selector text is never parsed implicitly)`
      : `pass ${SELECTOR_EXPECTED}, not ${describeValue(v)}`;
  return rejectInput(where, field, 'a Selector', v, fix);
}

/** An optional Selector: undefined passes through. */
export function guardOptionalSelector(v: unknown, where: string, field: string): Selector | undefined {
  return v === undefined ? undefined : guardSelector(v, where, field);
}
