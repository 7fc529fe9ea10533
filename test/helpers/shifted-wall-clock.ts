// Moves this process's wall clock years ahead, to check that tests set their own clock:
//   node --import ./test/helpers/shifted-wall-clock.ts --test test/web/sip-pages.test.ts
// Every test should pass as it does today. SHIFT_WALL_CLOCK_DAYS sets how far (default 2000 days, 5½ years).
// The database server's own clock is not moved; PGlite's, in this process, is.
const RealDate = Date;
const shift = Number(process.env.SHIFT_WALL_CLOCK_DAYS ?? 2000) * 86_400_000;
const realNow = RealDate.now;
const shiftedNow = () => realNow() + shift;

// A proxy rather than a subclass: Date.prototype stays the real one (date-fns' TZDate copies its methods), and a
// subclass's super() with no arguments is left alone (TZDate sets its time after).
const ShiftedDate: DateConstructor = new Proxy(RealDate, {
  construct(target, args, newTarget) {
    const now = args.length === 0 && newTarget === ShiftedDate;
    return Reflect.construct(
      target,
      now ? [shiftedNow()] : args,
      newTarget === ShiftedDate ? target : newTarget,
    );
  },
  apply: (_target, _this, args) => (args.length === 0 ? new RealDate(shiftedNow()).toString() : RealDate()),
  get: (target, prop) => (prop === 'now' ? shiftedNow : Reflect.get(target, prop)),
});
globalThis.Date = ShiftedDate;
