// The sign-in dialog's device token: the server's proof that this device has signed in to an
// account before, which gives sign-ins from it their own attempt budget (so someone guessing the
// password elsewhere cannot lock the pane out). Browsers keep it in an HttpOnly cookie; the dialog
// signs in without cookies, so it keeps the opaque value in localStorage and sends it back.
export const DEVICE_TOKEN_STORAGE_KEY = "excel-ai-assistant:addin:device-token:v1";
const MAX_LENGTH = 2048;

export function loadDeviceToken(storage: Storage | undefined = globalThis.localStorage): string | null {
  try {
    const value = storage?.getItem(DEVICE_TOKEN_STORAGE_KEY);
    return value && value.length <= MAX_LENGTH ? value : null;
  } catch {
    return null;
  }
}

export function saveDeviceToken(value: unknown, storage: Storage | undefined = globalThis.localStorage) {
  if (typeof value !== "string" || !value || value.length > MAX_LENGTH) return;
  try {
    storage?.setItem(DEVICE_TOKEN_STORAGE_KEY, value);
  } catch {
    // Storage can be disabled: sign-in still works, from an unrecognised device.
  }
}
