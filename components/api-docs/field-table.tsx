// A schema's fields as a table: name (nested fields indented under their parent), type, whether
// it is required, and what it means with its limits.
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { FieldRow, ParameterRow } from "@/lib/api/openapi/read-document";
import { cn } from "@/lib/utils";
import { InlineText } from "./inline-text";

/** Indentation per nesting level (whole class names, so Tailwind sees them). */
const INDENT = ["pl-2", "pl-6", "pl-10", "pl-14", "pl-18", "pl-22"];

function Meaning({ description, constraints }: { description?: string; constraints: string[] }) {
  return (
    <>
      {description ? <InlineText text={description} /> : null}
      {constraints.length > 0 ? (
        <span className="block text-xs text-muted-foreground">{constraints.join(" · ")}</span>
      ) : null}
    </>
  );
}

export function FieldTable({ fields, caption }: { fields: (FieldRow | ParameterRow)[]; caption: string }) {
  return (
    <Table aria-label={caption}>
      <TableHeader>
        <TableRow>
          <TableHead>{"in" in (fields[0] ?? {}) ? "Parameter" : "Field"}</TableHead>
          <TableHead>Type</TableHead>
          <TableHead className="w-full">Meaning</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {fields.map((field) => {
          const depth = "depth" in field ? field.depth : 0;
          const shortName = "depth" in field ? field.name.slice(field.name.lastIndexOf(".") + 1) : field.name;
          return (
            <TableRow key={`${"in" in field ? field.in : ""}${field.name}`}>
              <TableCell className={cn("align-top", INDENT[Math.min(depth, INDENT.length - 1)])}>
                <code className="font-mono text-xs" title={field.name}>
                  {shortName}
                </code>
                {field.required ? <span className="ml-1 text-xs text-muted-foreground">required</span> : null}
                {"in" in field ? <span className="block text-xs text-muted-foreground">in {field.in}</span> : null}
              </TableCell>
              <TableCell className="align-top font-mono text-xs whitespace-normal">{field.type}</TableCell>
              <TableCell className="min-w-64 align-top whitespace-normal">
                <Meaning description={field.description} constraints={field.constraints} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
