// A Chromium trace of a page (CDP), and the main thread's time in it by what it was spent in:
// shared by bench/load.mjs and bench/summary.mjs.

/** Starts tracing `page`; the returned function ends it and resolves to the trace's events. */
export async function startTrace(context, page, categories = []) {
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const all = ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline', ...categories];
  await cdp.send('Tracing.start', { categories: all.join(','), transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
    await cdp.send('Tracing.end');
    await done;
    return events;
  };
}

/** Each name's own time in µs (a slice's duration less its children's), summed over complete
 *  slices sorted by start (longest first at the same start). */
export function selfTimes(slices) {
  const self = {};
  const stack = [];
  for (const e of slices) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    if (stack.length) self[stack.at(-1).name] = (self[stack.at(-1).name] ?? 0) - e.dur;
    self[e.name] = (self[e.name] ?? 0) + e.dur;
    stack.push(e);
  }
  return Object.entries(self).sort((a, b) => b[1] - a[1]);
}
