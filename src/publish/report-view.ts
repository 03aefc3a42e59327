import type { LeakReport } from '../model/report.ts';
import type { BuildInfo, RunInfo } from '../model/run.ts';
import type { Verdict } from '../model/verdict.ts';
import type { Policy } from '../settings/types.ts';
import type { PublishContext } from './context.ts';

/** Everything the renderers show: the pipeline's results plus where they are published. */
export interface ReportView {
  report: LeakReport;
  verdict: Verdict;
  policy: Policy;
  run?: RunInfo;
  build?: BuildInfo;
  context: PublishContext;
  /** The uploaded artifact's page, when there is one. */
  artifactUrl?: string | null;
}
