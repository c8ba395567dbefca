// Every case the evaluation runs, in scorecard order.
import { REAL_DATASETS, type EvalCase } from "./corpus";
import { LARGE_SELECTION_CASES } from "./corpus-large";
import { PATHOLOGICAL } from "./pathological";

export const ALL_CASES: EvalCase[] = [...REAL_DATASETS, ...PATHOLOGICAL, ...LARGE_SELECTION_CASES];

/** The fast subset, run with the unit tests. */
export const FAST_CASES: EvalCase[] = ALL_CASES.filter((c) => c.fast);
