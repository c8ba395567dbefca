// The preferences GET/PATCH /api/settings exchange (app/api/settings/schema.ts).
export type WriteMode = "ask" | "auto" | "read_only";

export interface Settings {
  displayName: string | null;
  preferredModel: string | null;
  writeMode: WriteMode;
  piiRedaction: boolean;
  retentionDays: number;
}

export const RETENTION_MIN = 1;
export const RETENTION_MAX = 3650;

export const WRITE_MODES: { value: WriteMode; label: string; description: string }[] = [
  {
    value: "ask",
    label: "Ask before every change",
    description: "Proposed edits appear as cards showing the exact change; nothing is written until you choose Apply. Recommended.",
  },
  {
    value: "auto",
    label: "Apply automatically",
    description: "The add-in applies proposed edits as they arrive and keeps what they overwrote, so each can still be undone.",
  },
  {
    value: "read_only",
    label: "Read only",
    description: "The assistant only answers: it is not offered any tools to change your workbook.",
  },
];

/** A model this site offers (lib/ai/providers/model-options.ts): the stored value and its label. */
export interface ModelChoice {
  value: string;
  label: string;
}
