// Plain-language text for an edit card: a title and the exact settings the change will use.
// Everything here is shown as text, never as markup (the input came from a model).
import type { Proposal } from "./proposal";

export interface ProposalDescription {
  title: string;
  /** Label → value pairs, in the order the card shows them. */
  details: [string, string][];
}

const CHART_NAMES: Record<string, string> = {
  Line: "line chart",
  ColumnClustered: "column chart",
  BarClustered: "bar chart",
  XYScatter: "scatter chart",
  Pie: "pie chart",
  Area: "area chart",
  Doughnut: "doughnut chart",
  ColumnStacked: "stacked column chart",
};

function yesNo(value: boolean): string {
  return value ? "yes" : "no";
}

export function describeProposal(proposal: Proposal): ProposalDescription {
  switch (proposal.toolName) {
    case "write_range":
      return {
        title: proposal.input.formulas ? "Write formulas" : "Write values",
        details: [["Range", proposal.input.address]],
      };
    case "format_range": {
      const i = proposal.input;
      const details: [string, string][] = [["Range", i.address]];
      if (i.numberFormat !== undefined) details.push(["Number format", i.numberFormat]);
      if (i.bold !== undefined) details.push(["Bold", yesNo(i.bold)]);
      if (i.italic !== undefined) details.push(["Italic", yesNo(i.italic)]);
      if (i.fontColor !== undefined) details.push(["Font colour", i.fontColor]);
      if (i.fillColor !== undefined) details.push(["Fill colour", i.fillColor]);
      if (i.horizontalAlignment !== undefined) details.push(["Alignment", i.horizontalAlignment]);
      if (i.wrapText !== undefined) details.push(["Wrap text", yesNo(i.wrapText)]);
      if (i.columnWidth !== undefined || i.autofitColumns) {
        const widths = [i.columnWidth !== undefined ? `${i.columnWidth} characters` : null, i.autofitColumns ? "fit to contents" : null];
        details.push(["Column width", widths.filter(Boolean).join(", then ")]);
      }
      return { title: "Format cells", details };
    }
    case "add_conditional_format": {
      const rule = proposal.input.rule;
      const details: [string, string][] = [["Range", proposal.input.address]];
      switch (rule.type) {
        case "cell_value":
          details.push(["Rule", `cell value ${rule.operator} ${rule.formula1}${rule.formula2 ? ` and ${rule.formula2}` : ""}`]);
          break;
        case "color_scale":
          details.push(["Rule", `colour scale ${rule.minColor} → ${rule.midColor ? `${rule.midColor} → ` : ""}${rule.maxColor}`]);
          break;
        case "data_bar":
          details.push(["Rule", "data bars"]);
          break;
        case "top_bottom":
          details.push(["Rule", `${rule.position.toLowerCase()} ${rule.rank}${rule.percent ? "%" : ""}`]);
          break;
        case "text_contains":
          details.push(["Rule", `text contains "${rule.text}"`]);
          break;
        case "blanks":
          details.push(["Rule", "blank cells"]);
          break;
        case "errors":
          details.push(["Rule", "cells with errors"]);
          break;
        case "custom_formula":
          details.push(["Rule", `formula ${rule.formula}`]);
          break;
      }
      if ("fillColor" in rule && rule.fillColor) details.push(["Fill colour", rule.fillColor]);
      if ("fontColor" in rule && rule.fontColor) details.push(["Font colour", rule.fontColor]);
      return { title: "Add conditional formatting", details };
    }
    case "create_table": {
      const i = proposal.input;
      const details: [string, string][] = [["Range", i.address], ["Header row", yesNo(i.hasHeaders)]];
      if (i.name) details.push(["Name", i.name]);
      if (i.style) details.push(["Style", i.style]);
      return { title: "Create a table", details };
    }
    case "sort_range": {
      const i = proposal.input;
      const keys = i.keys.map((k) => `column ${k.column.replace(/\$/g, "").toUpperCase()} ${k.ascending ? "ascending" : "descending"}`).join(", then ");
      return { title: "Sort", details: [["Range", i.address], ["By", keys], ["Header row", yesNo(i.hasHeaders)]] };
    }
    case "filter_range": {
      const i = proposal.input;
      const c = i.criteria;
      const show =
        c.type === "values"
          ? `values ${c.values.slice(0, 10).join(", ")}${c.values.length > 10 ? ` and ${c.values.length - 10} more` : ""}`
          : c.type === "condition"
            ? `${c.operator} ${c.value}`
            : c.type === "top_items"
              ? `top ${c.count}`
              : "clear every filter";
      return { title: c.type === "clear" ? "Clear filters" : "Filter", details: [["Range", i.address], ["Column", i.column.replace(/\$/g, "").toUpperCase()], ["Show", show]] };
    }
    case "add_chart": {
      const i = proposal.input;
      const details: [string, string][] = [["Data", i.sourceAddress], ["Type", CHART_NAMES[i.chartType] ?? i.chartType]];
      if (i.title) details.push(["Title", i.title]);
      if (i.anchor) details.push(["Placed at", i.anchor]);
      return { title: "Add a chart", details };
    }
  }
}
