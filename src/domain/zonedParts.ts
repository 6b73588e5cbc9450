/** The wall clock of an instant in a time zone, as numbers (hour 0–23). */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Building an Intl.DateTimeFormat costs far more than using one (the CPU profile of a turn had it
// among the top entries): one per time zone, kept. A zone Intl rejects throws, and is not kept.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formats.set(timeZone, f);
  }
  return f;
}

/** What the wall clock of `timeZone` reads at `at`. */
export function zonedParts(at: Date, timeZone: string): ZonedParts {
  const out: ZonedParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatFor(timeZone).formatToParts(at)) if (p.type in out) out[p.type as keyof ZonedParts] = Number(p.value);
  return out;
}
