/**
 * Character ranges of the analysed text that an extractor has already explained.
 *
 * Extractors run in a fixed order (CNPJ, times/phones, choice, dates, percent, instalments,
 * invoice codes, money, bare invoice numbers) and each one claims the characters it used, so a
 * number is read once: "dia 15" is a date and can no longer be money, "4x" is a count of
 * instalments and can no longer be an invoice number.
 */
export class Spans {
  private readonly ranges: Array<readonly [number, number]> = [];

  add(start: number, end: number): void {
    if (end > start) this.ranges.push([start, end]);
  }

  /** True when [start, end) intersects a claimed range. */
  overlaps(start: number, end: number): boolean {
    return this.ranges.some(([a, b]) => start < b && a < end);
  }
}
