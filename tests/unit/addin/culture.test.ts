// The culture the pane and the playground send with a selection: separators and date order.
import { describe, expect, it } from "vitest";
import { cultureFrom, dateOrderOf } from "@/lib/addin/read-culture";
import { cultureOf } from "@/lib/workbook/detect-culture";

describe("culture sent with a selection", () => {
  it("reads the date order from Excel's short date pattern", () => {
    expect(dateOrderOf("M/d/yyyy")).toBe("MDY");
    expect(dateOrderOf("dd.MM.yyyy")).toBe("DMY");
    expect(dateOrderOf("dd/MM/yyyy")).toBe("DMY");
    expect(dateOrderOf("yyyy-MM-dd")).toBe("YMD");
    expect(dateOrderOf("yyyy/M/d")).toBe("YMD");
  });

  it("takes Excel's separators as they are, and refuses nonsense", () => {
    expect(cultureFrom(",", ".", "dd.MM.yyyy")).toEqual({ decimalSeparator: ",", thousandsSeparator: ".", dateOrder: "DMY" });
    expect(cultureFrom(".", ",", "M/d/yyyy")).toEqual({ decimalSeparator: ".", thousandsSeparator: ",", dateOrder: "MDY" });
    expect(cultureFrom("", ",", "M/d/yyyy")).toBeUndefined();
  });

  it("detects the playground's culture from the browser locale", () => {
    expect(cultureOf("en-US")).toEqual({ decimalSeparator: ".", thousandsSeparator: ",", dateOrder: "MDY" });
    expect(cultureOf("de-DE")).toEqual({ decimalSeparator: ",", thousandsSeparator: ".", dateOrder: "DMY" });
    expect(cultureOf("ja-JP").dateOrder).toBe("YMD");
    expect(cultureOf("en-GB").dateOrder).toBe("DMY");
  });
});
