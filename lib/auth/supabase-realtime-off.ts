// supabase-js always builds its realtime client, which needs a WebSocket constructor that
// Node 20 lacks ("native WebSocket not found"). This app never subscribes to realtime, so the
// transport handed over here is never instantiated; it only lets the clients be created.
class NoRealtimeTransport {
  constructor() {
    throw new Error("Supabase realtime is not used by this app");
  }
}

export const realtimeOff = { transport: NoRealtimeTransport as unknown as typeof WebSocket };
