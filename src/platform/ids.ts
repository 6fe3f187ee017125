import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

/**
 * Time-ordered 26-character id (Crockford base32: 10 chars of milliseconds, 16 of
 * counter+randomness). Generated in code because openGauss has no UUID generator.
 */
export function newId(): string {
  const ms = Date.now();
  if (ms === lastMs) counter++;
  else {
    lastMs = ms;
    counter = 0;
  }
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let time = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    time = alphabet[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const rnd = randomBytes(10);
  let tail = alphabet[(counter >> 5) & 31] + alphabet[counter & 31];
  for (let i = 0; i < 14; i++) tail += alphabet[rnd[i % 10] & 31];
  return time + tail;
}
