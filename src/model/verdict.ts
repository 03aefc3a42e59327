/** The judge's answer: what was checked against which limit, and the result. */

export type Outcome = 'pass' | 'fail' | 'incomplete';

/** The quantities a threshold can be set on. */
export const CHECKED = ['definitelyLost', 'indirectlyLost', 'possiblyLost', 'errors'] as const;
export type Checked = (typeof CHECKED)[number];

export interface Check {
  what: Checked;
  /** Bytes for leak kinds, occurrences for errors. */
  actual: number;
  /** null: reported, not checked. */
  limit: number | null;
  exceeded: boolean;
}

export interface Verdict {
  outcome: Outcome;
  /** One line each, in words a reviewer understands: why it failed or was incomplete. */
  reasons: string[];
  checks: Check[];
}
