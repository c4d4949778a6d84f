// mailauth modules the domain security check uses that ship without type declarations.
declare module 'mailauth/lib/tools.js' {
  /**
   * The entry of `domainList` aligned with `fromDomain`: the same Organizational Domain (Public
   * Suffix List) when `strict` is false, else false.
   */
  export function getAlignment(fromDomain: string, domainList: Array<string | { domain: string }>, strict?: boolean): { domain: string } | false;
}
