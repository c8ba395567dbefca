// How to load the add-in's manifest into each Excel, as Microsoft documents sideloading. Steps
// are an ordered list per platform; <details> keeps the page short and works without script.
const PLATFORMS: { id: string; title: string; steps: React.ReactNode[] }[] = [
  {
    id: "web",
    title: "Excel on the web",
    steps: [
      <>Download the manifest above.</>,
      <>Open any workbook in Excel on the web (excel.cloud.microsoft or office.com).</>,
      <>
        On the <strong>Home</strong> tab choose <strong>Add-ins</strong>, then <strong>More Add-ins</strong>.
      </>,
      <>
        Open <strong>My Add-ins</strong>, choose <strong>Upload My Add-in</strong>, pick <code>manifest.xml</code> and
        choose <strong>Upload</strong>.
      </>,
      <>
        The <strong>Ask AI</strong> button appears in the <strong>AI Assistant</strong> group on the <strong>Home</strong> tab; it opens the task pane.
      </>,
    ],
  },
  {
    id: "windows",
    title: "Excel on Windows",
    steps: [
      <>Create a folder, share it on your network (for example \\\\my-pc\\addins) and put the downloaded manifest in it.</>,
      <>
        In Excel choose <strong>File › Options › Trust Center › Trust Center Settings › Trusted Add-in Catalogs</strong>.
      </>,
      <>
        Enter the share&apos;s path as the <strong>Catalog URL</strong>, choose <strong>Add catalog</strong>, tick{" "}
        <strong>Show in Menu</strong> and choose <strong>OK</strong>. Restart Excel.
      </>,
      <>
        On the <strong>Home</strong> tab choose <strong>Add-ins › More Add-ins › Shared Folder</strong>, select{" "}
        <strong>Excel AI Assistant</strong> and choose <strong>Add</strong>.
      </>,
    ],
  },
  {
    id: "mac",
    title: "Excel on Mac",
    steps: [
      <>
        In Finder choose <strong>Go › Go to Folder</strong> and open{" "}
        <code className="break-all">~/Library/Containers/com.microsoft.Excel/Data/Documents/wef</code> (create the{" "}
        <code>wef</code> folder if it is missing).
      </>,
      <>Copy the downloaded manifest into that folder.</>,
      <>
        Restart Excel, open a workbook, and choose <strong>Home › Add-ins</strong> (or <strong>Insert › My Add-ins</strong>
        ); the add-in is listed under developer add-ins.
      </>,
    ],
  },
];

export function SideloadSteps() {
  return (
    <div className="flex flex-col gap-3">
      {PLATFORMS.map((platform, index) => (
        <details key={platform.id} open={index === 0} className="group rounded-xl border bg-card text-card-foreground">
          <summary className="cursor-pointer list-none rounded-xl px-4 py-3 font-medium outline-none select-none focus-visible:ring-[3px] focus-visible:ring-ring [&::-webkit-details-marker]:hidden">
            <span aria-hidden="true" className="mr-2 inline-block transition-transform group-open:rotate-90">
              ›
            </span>
            {platform.title}
          </summary>
          <ol className="flex list-decimal flex-col gap-2 px-4 pb-4 pl-9 text-sm">
            {platform.steps.map((step, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed instructions, never reordered
              <li key={i}>{step}</li>
            ))}
          </ol>
        </details>
      ))}
    </div>
  );
}
