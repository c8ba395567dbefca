// Adds one conditional-format rule from the add_conditional_format tool input. Rule types map
// one-to-one onto Office.js conditional format types; string literals, not the Excel enums,
// so the code runs wherever an Excel object model does (Office, tests, the fake host).
import type { Proposal } from "./proposal";

type Rule = Extract<Proposal, { toolName: "add_conditional_format" }>["input"]["rule"];

function paint(format: { fill: Excel.ConditionalRangeFill; font: Excel.ConditionalRangeFont }, fillColor?: string, fontColor?: string) {
  if (fillColor) format.fill.color = fillColor;
  if (fontColor) format.font.color = fontColor;
}

/** Adds the rule to `range` and returns the new conditional format (load its id to undo it). */
export function addConditionalFormat(range: Excel.Range, rule: Rule): Excel.ConditionalFormat {
  const formats = range.conditionalFormats;
  switch (rule.type) {
    case "cell_value": {
      const cf = formats.add("CellValue");
      paint(cf.cellValue.format, rule.fillColor, rule.fontColor);
      cf.cellValue.rule = { operator: rule.operator, formula1: rule.formula1, ...(rule.formula2 ? { formula2: rule.formula2 } : {}) };
      return cf;
    }
    case "color_scale": {
      const cf = formats.add("ColorScale");
      cf.colorScale.criteria = {
        minimum: { type: "LowestValue", color: rule.minColor },
        ...(rule.midColor ? { midpoint: { type: "Percentile", formula: "50", color: rule.midColor } } : {}),
        maximum: { type: "HighestValue", color: rule.maxColor },
      };
      return cf;
    }
    case "data_bar": {
      const cf = formats.add("DataBar");
      if (rule.color) cf.dataBar.positiveFormat.fillColor = rule.color;
      return cf;
    }
    case "top_bottom": {
      const cf = formats.add("TopBottom");
      const type = `${rule.position}${rule.percent ? "Percent" : "Items"}` as "TopItems" | "TopPercent" | "BottomItems" | "BottomPercent";
      cf.topBottom.rule = { rank: rule.rank, type };
      paint(cf.topBottom.format, rule.fillColor);
      return cf;
    }
    case "text_contains": {
      const cf = formats.add("ContainsText");
      cf.textComparison.rule = { operator: "Contains", text: rule.text };
      paint(cf.textComparison.format, rule.fillColor, rule.fontColor);
      return cf;
    }
    case "blanks":
    case "errors": {
      const cf = formats.add("PresetCriteria");
      cf.preset.rule = { criterion: rule.type === "blanks" ? "Blanks" : "Errors" };
      paint(cf.preset.format, rule.fillColor);
      return cf;
    }
    case "custom_formula": {
      const cf = formats.add("Custom");
      cf.custom.rule.formula = rule.formula;
      paint(cf.custom.format, rule.fillColor, rule.fontColor);
      return cf;
    }
  }
}
