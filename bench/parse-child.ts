// One measurement for bench/parse.ts, in its own process so that peak RSS is ours alone:
// parses the files given and prints {seconds, maxRssKiB, totals} as JSON.
import { parseFiles } from '../src/parse/index.ts';

const files = process.argv.slice(2);
const start = process.hrtime.bigint();
const report = await parseFiles(files);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(
  JSON.stringify({
    seconds,
    maxRssKiB: process.resourceUsage().maxRSS,
    complete: report.complete,
    leaks: report.leaks.length,
    errors: report.totals.errors,
    definitelyLost: report.totals.definitelyLost,
  }),
);
