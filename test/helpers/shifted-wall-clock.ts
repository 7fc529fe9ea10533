// Moves this process's wall clock years ahead, to check that tests set their own clock:
//   node --import ./test/helpers/shifted-wall-clock.ts --test test/web/sip-pages.test.ts
// Every test should pass as it does today. SHIFT_WALL_CLOCK_DAYS sets how far (default 2000 days, 5½ years).
// The database server's own clock is not moved; PGlite's, in this process, is.
const RealDate = Date;
const shift = Number(process.env.SHIFT_WALL_CLOCK_DAYS ?? 2000) * 86_400_000;
const realNow = RealDate.now;

class ShiftedDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(realNow() + shift);
    else super(...(args as [string]));
  }
  static override now() {
    return realNow() + shift;
  }
}
globalThis.Date = ShiftedDate as DateConstructor;
