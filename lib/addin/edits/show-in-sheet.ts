// "Show in sheet": brings a proposal's range into view by selecting it (its sheet activated
// first), so the user can see in Excel exactly which cells a card is about.
import { targetAddress, type Proposal } from "./proposal";
import { resolveRange } from "./resolve-range";

export async function showInSheet(proposal: Proposal): Promise<void> {
  await Excel.run(async (context) => {
    const target = await resolveRange(context, targetAddress(proposal));
    target.sheet.activate();
    target.range.select();
    await context.sync();
  });
}
