// How a Microsoft 365 administrator rolls the add-in out to people in their organisation
// (centralized deployment through "Integrated apps"), as Microsoft's admin center presents it.
export function AdminDeploySteps() {
  return (
    <ol className="flex list-decimal flex-col gap-2 pl-5 text-sm">
      <li>
        Sign in to the Microsoft 365 admin center (admin.microsoft.com) as a Global or Exchange administrator.
      </li>
      <li>
        Go to <strong>Settings › Integrated apps</strong> and choose <strong>Upload custom apps</strong>.
      </li>
      <li>
        As the app type choose <strong>Office Add-in</strong>, then either <strong>Provide link to manifest file</strong>{" "}
        and paste the manifest URL above, or <strong>Upload manifest file (.xml) from device</strong> and pick the
        downloaded <code>manifest.xml</code>. Choose <strong>Validate</strong>.
      </li>
      <li>
        Choose who gets it: <strong>Just me</strong>, <strong>Entire organization</strong> or{" "}
        <strong>Specific users/groups</strong>. Review the permissions and choose <strong>Finish deployment</strong>.
      </li>
      <li>
        People see <strong>Ask AI</strong> on Excel&apos;s <strong>Home</strong> tab (or under{" "}
        <strong>Add-ins › Admin Managed</strong>). It can take up to 24 hours to appear; restarting Excel helps.
      </li>
    </ol>
  );
}
