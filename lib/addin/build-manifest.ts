// The add-in's XML manifest, built for the origin that served it: every deployment (production,
// each preview, a laptop) hands out a manifest whose task pane, icons and sign-in dialog point
// back at itself, so sideloading any deployment just works. Element order follows the
// OfficeApp schema (TaskPaneApp, then VersionOverrides V1_0, whose last child is WebApplicationInfo
// when Microsoft sign-in is configured); Office rejects a manifest whose elements are out of order.
//
// The in-cell functions (=AI.ASK, =AI.CLASSIFY, =AI.EXTRACT) run in the task pane's shared
// runtime: the SharedRuntime requirement, the Runtimes element naming the task pane page, and the
// CustomFunctions extension point with its script, page, metadata and AI namespace, all on the
// serving origin (the CUSTOM FUNCTIONS blocks below).

/** Stable forever: Office identifies the add-in (and its settings and trust) by this Id. */
export const ADDIN_ID = "3533e992-5810-4333-8008-a923f8bf15cb";
export const ADDIN_VERSION = "1.0.0.0";
/** getSelectedRanges (multi-area selections) needs ExcelApi 1.9. */
const EXCEL_API_MIN_VERSION = "1.9";

const DISPLAY_NAME = "Excel AI Assistant";
const DESCRIPTION =
  "Ask about the cells you select: statistics, formulas that fit, charts worth making. Proposed changes are shown exactly and applied only when you approve them, with undo.";

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&apos;",
  );
}

/** The origin without a trailing slash; anything else (path, query) is dropped. */
function normalizeOrigin(origin: string): string {
  return new URL(origin).origin;
}

/**
 * Office single sign-on: the app registration (client id) and its Application ID URI on the
 * serving host, which Office asks Microsoft Entra ID for a token to (Office.auth.getAccessToken).
 * Schema: the last child of VersionOverrides.
 */
function webApplicationInfo(origin: string, clientId: string): string {
  const id = escapeXml(clientId);
  return `
    <WebApplicationInfo>
      <Id>${id}</Id>
      <Resource>${escapeXml(`api://${new URL(origin).host}/${clientId}`)}</Resource>
      <Scopes>
        <Scope>openid</Scope>
        <Scope>profile</Scope>
      </Scopes>
    </WebApplicationInfo>`;
}

/** `entraClientId`: set when Microsoft sign-in is configured (ENTRA_CLIENT_ID). */
export function buildManifest(originInput: string, options: { entraClientId?: string } = {}): string {
  const origin = normalizeOrigin(originInput);
  const url = (path: string) => escapeXml(`${origin}${path}`);
  const icon = (size: number) => url(`/addin/icon-${size}.png`);
  const taskpaneUrl = url("/addin/taskpane");

  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0" xmlns:ov="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="TaskPaneApp">
  <Id>${ADDIN_ID}</Id>
  <Version>${ADDIN_VERSION}</Version>
  <ProviderName>${escapeXml(DISPLAY_NAME)}</ProviderName>
  <DefaultLocale>en-US</DefaultLocale>
  <DisplayName DefaultValue="${escapeXml(DISPLAY_NAME)}"/>
  <Description DefaultValue="${escapeXml(DESCRIPTION)}"/>
  <IconUrl DefaultValue="${icon(32)}"/>
  <HighResolutionIconUrl DefaultValue="${icon(64)}"/>
  <SupportUrl DefaultValue="${url("/")}"/>
  <AppDomains>
    <AppDomain>${escapeXml(origin)}</AppDomain>
  </AppDomains>
  <Hosts>
    <Host Name="Workbook"/>
  </Hosts>
  <Requirements>
    <Sets DefaultMinVersion="1.1">
      <Set Name="ExcelApi" MinVersion="${EXCEL_API_MIN_VERSION}"/>
      <Set Name="SharedRuntime" MinVersion="1.1"/>
    </Sets>
  </Requirements>
  <DefaultSettings>
    <SourceLocation DefaultValue="${taskpaneUrl}"/>
  </DefaultSettings>
  <Permissions>ReadWriteDocument</Permissions>
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="VersionOverridesV1_0">
    <Hosts>
      <Host xsi:type="Workbook">
        <!-- CUSTOM FUNCTIONS: the task pane page is the shared runtime the functions run in. -->
        <Runtimes>
          <Runtime resid="Taskpane.Url" lifetime="long"/>
        </Runtimes>
        <AllFormFactors>
          <ExtensionPoint xsi:type="CustomFunctions">
            <Script>
              <SourceLocation resid="Functions.Script.Url"/>
            </Script>
            <Page>
              <SourceLocation resid="Taskpane.Url"/>
            </Page>
            <Metadata>
              <SourceLocation resid="Functions.Metadata.Url"/>
            </Metadata>
            <Namespace resid="Functions.Namespace"/>
          </ExtensionPoint>
        </AllFormFactors>
        <!-- END CUSTOM FUNCTIONS -->
        <DesktopFormFactor>
          <GetStarted>
            <Title resid="GetStarted.Title"/>
            <Description resid="GetStarted.Description"/>
            <LearnMoreUrl resid="GetStarted.LearnMoreUrl"/>
          </GetStarted>
          <FunctionFile resid="Commands.Url"/>
          <ExtensionPoint xsi:type="PrimaryCommandSurface">
            <OfficeTab id="TabHome">
              <Group id="ExcelAiAssistant.Group">
                <Label resid="Group.Label"/>
                <Icon>
                  <bt:Image size="16" resid="Icon.16x16"/>
                  <bt:Image size="32" resid="Icon.32x32"/>
                  <bt:Image size="80" resid="Icon.80x80"/>
                </Icon>
                <Control xsi:type="Button" id="ExcelAiAssistant.TaskpaneButton">
                  <Label resid="TaskpaneButton.Label"/>
                  <Supertip>
                    <Title resid="TaskpaneButton.Label"/>
                    <Description resid="TaskpaneButton.Tooltip"/>
                  </Supertip>
                  <Icon>
                    <bt:Image size="16" resid="Icon.16x16"/>
                    <bt:Image size="32" resid="Icon.32x32"/>
                    <bt:Image size="80" resid="Icon.80x80"/>
                  </Icon>
                  <Action xsi:type="ShowTaskpane">
                    <TaskpaneId>ExcelAiAssistant.Taskpane</TaskpaneId>
                    <SourceLocation resid="Taskpane.Url"/>
                  </Action>
                </Control>
              </Group>
            </OfficeTab>
          </ExtensionPoint>
        </DesktopFormFactor>
      </Host>
    </Hosts>
    <Resources>
      <bt:Images>
        <bt:Image id="Icon.16x16" DefaultValue="${icon(16)}"/>
        <bt:Image id="Icon.32x32" DefaultValue="${icon(32)}"/>
        <bt:Image id="Icon.80x80" DefaultValue="${icon(80)}"/>
      </bt:Images>
      <bt:Urls>
        <bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="${url("/")}"/>
        <bt:Url id="Commands.Url" DefaultValue="${url("/addin/commands")}"/>
        <bt:Url id="Taskpane.Url" DefaultValue="${taskpaneUrl}"/>
        <bt:Url id="Functions.Script.Url" DefaultValue="${url("/addin/functions.js")}"/>
        <bt:Url id="Functions.Metadata.Url" DefaultValue="${url("/addin/functions.json")}"/>
      </bt:Urls>
      <bt:ShortStrings>
        <bt:String id="GetStarted.Title" DefaultValue="${escapeXml(`${DISPLAY_NAME} is ready`)}"/>
        <bt:String id="Group.Label" DefaultValue="AI Assistant"/>
        <bt:String id="TaskpaneButton.Label" DefaultValue="Ask AI"/>
        <bt:String id="Functions.Namespace" DefaultValue="AI"/>
      </bt:ShortStrings>
      <bt:LongStrings>
        <bt:String id="GetStarted.Description" DefaultValue="Select cells, then choose Home &gt; Ask AI to open the assistant."/>
        <bt:String id="TaskpaneButton.Tooltip" DefaultValue="Open the assistant to ask about the selected cells."/>
      </bt:LongStrings>
    </Resources>${options.entraClientId ? webApplicationInfo(origin, options.entraClientId) : ""}
  </VersionOverrides>
</OfficeApp>
`;
}
