import { Check, Circle } from "lucide-react";
import { cn } from "@/lib/utils";
import { PASSWORD_RULES } from "./password-rules";

/** A live checklist under the password field; its id is the field's aria-describedby. */
export function PasswordHints({ id, password }: { id: string; password: string }) {
  return (
    <ul id={id} className="flex flex-col gap-1 text-xs text-muted-foreground">
      {PASSWORD_RULES.map((rule) => {
        const met = rule.test(password);
        return (
          <li key={rule.id} className={cn("flex items-center gap-1.5", met && "text-foreground")}>
            {met ? (
              <Check aria-hidden="true" className="size-3.5 text-primary" />
            ) : (
              <Circle aria-hidden="true" className="size-3.5" />
            )}
            <span>
              {rule.label}
              <span className="sr-only">{met ? " (met)" : " (not met yet)"}</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
