// Password hashing (Argon2id, OWASP's parameters) and the generated secrets people are shown once.
import crypto from 'node:crypto';
import { hash, verify, Algorithm } from '@node-rs/argon2';

const PARAMS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, PARAMS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// No look-alikes (0/O, 1/l/I): people type these into phones.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A device password: 4 groups of 5 letters/digits (20 characters, ~99 bits). */
export function generateDevicePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let s = '';
    for (let i = 0; i < 5; i++) s += ALPHABET[crypto.randomInt(ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}

export const MIN_DEVICE_PASSWORD_LENGTH = 16;
