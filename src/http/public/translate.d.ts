// The type of a page's t(): i18n.js's t() narrowed to that page's dictionary, so that a key the
// dictionary lacks, or a wrong number of values for a text that takes some, fails the type check.
export type Translate<D> = <K extends keyof D & string>(
  key: K,
  ...values: D[K] extends (...args: infer P) => unknown ? P : []
) => D[K] extends (...args: never[]) => infer R ? R : D[K];
