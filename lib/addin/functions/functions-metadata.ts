// The custom functions metadata Excel reads from /addin/functions.json: ids, names, argument help
// and descriptions of =AI.ASK, =AI.CLASSIFY and =AI.EXTRACT (the AI namespace comes from the
// manifest). The wording repeats the JSDoc of custom-functions.ts, the form Microsoft's tooling
// generates this file from; tests/unit/addin/functions-metadata.test.ts fails if they differ.
export interface FunctionParameter {
  name: string;
  description: string;
  type: "string" | "number" | "boolean" | "any";
  dimensionality: "scalar" | "matrix";
  optional?: boolean;
}

export interface FunctionMetadata {
  id: string;
  name: string;
  description: string;
  parameters: FunctionParameter[];
  result: { type: FunctionParameter["type"]; dimensionality: "scalar" };
}

export function buildFunctionsMetadata(): { allowCustomDataForDataTypeAny: boolean; functions: FunctionMetadata[] } {
  return {
    allowCustomDataForDataTypeAny: false,
    functions: [
      {
        id: "ASK",
        name: "ASK",
        description: "Answers a question in one cell, optionally about a range of cells.",
        parameters: [
          { name: "prompt", description: 'The question to answer, e.g. "Which region grew most?".', type: "string", dimensionality: "scalar" },
          { name: "range", description: "Optional cells the question is about, e.g. A1:D20.", type: "any", dimensionality: "matrix", optional: true },
        ],
        result: { type: "any", dimensionality: "scalar" },
      },
      {
        id: "CLASSIFY",
        name: "CLASSIFY",
        description: "Picks the one label that best fits a value.",
        parameters: [
          { name: "value", description: "The text or cell to classify, e.g. A2.", type: "any", dimensionality: "scalar" },
          { name: "labels", description: 'The labels to choose from, e.g. B1:B3 or "High, Medium, Low".', type: "any", dimensionality: "matrix" },
        ],
        result: { type: "string", dimensionality: "scalar" },
      },
      {
        id: "EXTRACT",
        name: "EXTRACT",
        description: "Extracts a piece of information from text.",
        parameters: [
          { name: "text", description: "The text or cell to extract from, e.g. A2.", type: "any", dimensionality: "scalar" },
          { name: "what", description: 'What to extract, e.g. "email", "phone number", "invoice total".', type: "string", dimensionality: "scalar" },
        ],
        result: { type: "any", dimensionality: "scalar" },
      },
    ],
  };
}
