// The filter_range tool's criteria as Office.js AutoFilter criteria.
import type { Proposal } from "./proposal";

type Criteria = Extract<Proposal, { toolName: "filter_range" }>["input"]["criteria"];

const OPERATORS: Record<Extract<Criteria, { type: "condition" }>["operator"], (v: string) => string> = {
  GreaterThan: (v) => `>${v}`,
  GreaterThanOrEqual: (v) => `>=${v}`,
  LessThan: (v) => `<${v}`,
  LessThanOrEqual: (v) => `<=${v}`,
  EqualTo: (v) => `=${v}`,
  NotEqualTo: (v) => `<>${v}`,
  Contains: (v) => `=*${v}*`,
};

/** Criteria for AutoFilter.apply, or null for `clear` (which clears instead of applying). */
export function toFilterCriteria(criteria: Criteria): Excel.FilterCriteria | null {
  switch (criteria.type) {
    case "values":
      return { filterOn: "Values", values: criteria.values };
    case "condition":
      return { filterOn: "Custom", criterion1: OPERATORS[criteria.operator](String(criteria.value)) };
    case "top_items":
      return { filterOn: "TopItems", criterion1: String(criteria.count) };
    case "clear":
      return null;
  }
}
