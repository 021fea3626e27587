declare module 'spdx-expression-parse' {
  /** A parsed SPDX licence expression: one licence, or a conjunction or disjunction of two. */
  export type SpdxNode =
    { license: string; plus?: boolean; exception?: string } | { conjunction: 'and' | 'or'; left: SpdxNode; right: SpdxNode };
  /** Throws on anything that is not a valid SPDX expression. */
  export default function parse(expression: string): SpdxNode;
}
