/** Fixed-size bitsets over a table of addresses, as `Uint32Array` words (bit `k` is word `k >>> 5`, bit `k & 31`). */

/** Words needed for `bits` bits. */
export function wordsFor(bits: number): number {
  return (bits + 31) >>> 5;
}

/** True when bit `k` of `set` is set. */
export function hasBit(set: Uint32Array, k: number): boolean {
  return (set[k >>> 5] & (1 << (k & 31))) !== 0;
}

/** Sets bit `k` of `set`. */
export function setBit(set: Uint32Array, k: number): void {
  set[k >>> 5] |= 1 << (k & 31);
}

/** A set with every one of `bits` bits set (the bits past the end stay clear). */
export function fullSet(bits: number): Uint32Array {
  const out = new Uint32Array(wordsFor(bits)).fill(0xffffffff);
  const tail = bits & 31;
  if (tail !== 0) out[out.length - 1] = (1 << tail) - 1;
  return out;
}

/** True when no bit is set. */
export function isEmpty(set: Uint32Array): boolean {
  for (let k = 0; k < set.length; k++) if (set[k] !== 0) return false;
  return true;
}
