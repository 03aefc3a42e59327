import type { LeakReport } from './report.ts';
import type { BuildInfo, RunInfo } from './run.ts';
import type { Verdict } from './verdict.ts';
import type { Policy } from '../settings/types.ts';

/**
 * report.json: the report model plus how it was judged and how the program ran.
 * It is what the artifact carries, `--json` writes, and a later step can publish.
 */
export interface ReportFile extends LeakReport {
  verdict: Verdict;
  policy: Policy;
  run?: RunInfo;
  build?: BuildInfo;
}
