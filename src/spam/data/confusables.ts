// Characters that look like Latin letters (a small, high-value part of Unicode's confusables
// list: the Cyrillic, Greek and Latin-extension letters homograph domains actually use), and
// digit/letter swaps. skeleton() maps a label to what a reader would take it for.
export const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ɡ: 'g', ү: 'y', ь: 'b', г: 'r',
  // Greek
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w', ϲ: 'c',
  // Latin look-alikes
  ı: 'i', ł: 'l', ŀ: 'l', ƅ: 'b', ɑ: 'a', ɩ: 'i', ʏ: 'y', ɢ: 'g', ℓ: 'l', ȷ: 'j', ß: 'b',
  à: 'a', á: 'a', â: 'a', ä: 'a', ã: 'a', å: 'a', ç: 'c', è: 'e', é: 'e', ê: 'e', ë: 'e', ì: 'i', í: 'i', î: 'i',
  ï: 'i', ñ: 'n', ò: 'o', ó: 'o', ô: 'o', ö: 'o', õ: 'o', ø: 'o', ù: 'u', ú: 'u', û: 'u', ü: 'u', ý: 'y', ÿ: 'y',
  // Digits read as letters
  '0': 'o', '1': 'l', '3': 'e', '5': 's', '@': 'a',
};
