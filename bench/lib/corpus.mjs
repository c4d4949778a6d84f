// What both mail benchmarks generate their messages from: a small seeded PRNG (mulberry32), so
// every server gets the same bytes, and the words and names the messages are made of.

export function mulberry32(seed) {
  let a = seed >>> 0;
  return function rng() {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const WORDS = (
  'the of and to in is that for it as was with be by on not he this are or his from at which but have an they you ' +
  'were her she there been one all we their has would when if so no will more about up out them what some could ' +
  'into than then other time only new its these two may first any like our over such after most also made well ' +
  'meeting project invoice report quarterly budget schedule review deadline customer release update server ' +
  'deployment migration backup calendar agenda proposal contract shipment order delivery payment account ' +
  'security password team office weekend holiday conference travel flight hotel lunch coffee feedback draft ' +
  'document spreadsheet presentation slides numbers forecast revenue pipeline ticket support issue resolved ' +
  'pending approved please thanks regards attached below following question answer tomorrow yesterday today ' +
  'morning afternoon evening week month year quickly carefully probably definitely unfortunately happily'
).split(/\s+/);
export const FIRST = ['Alice', 'Bob', 'Carol', 'Dave', 'Erin', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy', 'Mallory',
  'Niaj', 'Olivia', 'Peggy', 'Rupert', 'Sybil', 'Trent', 'Victor', 'Walter', 'Yasmin', 'Zoe', 'Marek', 'Ines', 'Kenji'];
