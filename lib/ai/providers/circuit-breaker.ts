// One circuit breaker per AI provider, so a provider that keeps failing is skipped at once
// instead of costing every request a timeout:
//
//   closed    — requests go through; consecutive failures are counted, a success resets them.
//   open      — after `failureThreshold` consecutive failures: requests skip this provider
//               until `cooldownMs` has passed since it opened.
//   half_open — after the cool-down: exactly one trial request goes through. Success closes the
//               breaker; failure opens it again for another cool-down.
//
// State is per process (each serverless instance learns on its own, which is what we want: a
// provider that fails from one region may work from another). `listBreakerStates()` exposes it
// for /api/health/detailed and /api/metrics.

export type BreakerStatus = "closed" | "open" | "half_open";

export interface BreakerOptions {
  /** Consecutive failures that open the breaker. Default 3. */
  failureThreshold?: number;
  /** How long an open breaker refuses before allowing a trial, in ms. Default 30 s. */
  cooldownMs?: number;
  /** Injected clock for tests. */
  now?: () => number;
}

export interface BreakerState {
  provider: string;
  state: BreakerStatus;
  consecutiveFailures: number;
  failureThreshold: number;
  cooldownMs: number;
  /** ISO time the breaker last opened, or null. */
  openedAt: string | null;
  /** ISO time an open breaker will allow a trial, or null when not open. */
  retryAt: string | null;
  lastFailure: string | null;
  totalFailures: number;
  totalSuccesses: number;
}

const DEFAULT_FAILURE_THRESHOLD = 3;
const DEFAULT_COOLDOWN_MS = 30_000;

export class CircuitBreaker {
  readonly provider: string;
  readonly failureThreshold: number;
  readonly cooldownMs: number;
  private readonly now: () => number;
  private status: BreakerStatus = "closed";
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;
  private lastFailure: string | null = null;
  private totalFailures = 0;
  private totalSuccesses = 0;

  constructor(provider: string, options: BreakerOptions = {}) {
    this.provider = provider;
    this.failureThreshold = Math.max(1, Math.floor(options.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD));
    this.cooldownMs = Math.max(0, options.cooldownMs ?? DEFAULT_COOLDOWN_MS);
    this.now = options.now ?? Date.now;
  }

  /** The state now, moving open → half_open once the cool-down has passed. */
  get state(): BreakerStatus {
    if (this.status === "open" && this.openedAt !== null && this.now() - this.openedAt >= this.cooldownMs) {
      this.status = "half_open";
      this.trialInFlight = false;
    }
    return this.status;
  }

  /**
   * Asks to send a request. True when closed, or when half-open and no trial is running (this
   * call then becomes the trial). The caller must report the outcome with recordSuccess,
   * recordFailure or release.
   */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === "closed") return true;
    if (state === "half_open" && !this.trialInFlight) {
      this.trialInFlight = true;
      return true;
    }
    return false;
  }

  recordSuccess(): void {
    this.totalSuccesses++;
    this.failures = 0;
    this.trialInFlight = false;
    this.status = "closed";
    this.openedAt = null;
  }

  recordFailure(reason: string): void {
    this.totalFailures++;
    this.failures++;
    this.lastFailure = reason.slice(0, 200);
    const wasTrial = this.status === "half_open";
    this.trialInFlight = false;
    if (wasTrial || this.failures >= this.failureThreshold) {
      this.status = "open";
      this.openedAt = this.now();
    }
  }

  /** The request ended without telling us anything about the provider (the client left). */
  release(): void {
    this.trialInFlight = false;
  }

  snapshot(): BreakerState {
    const state = this.state;
    return {
      provider: this.provider,
      state,
      consecutiveFailures: this.failures,
      failureThreshold: this.failureThreshold,
      cooldownMs: this.cooldownMs,
      openedAt: this.openedAt === null ? null : new Date(this.openedAt).toISOString(),
      retryAt: state === "open" && this.openedAt !== null ? new Date(this.openedAt + this.cooldownMs).toISOString() : null,
      lastFailure: this.lastFailure,
      totalFailures: this.totalFailures,
      totalSuccesses: this.totalSuccesses,
    };
  }
}

/** Breakers by provider name. The app uses one process-wide registry; tests make their own. */
export class BreakerRegistry {
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(private readonly defaults: BreakerOptions = {}) {}

  get(provider: string, options?: BreakerOptions): CircuitBreaker {
    let breaker = this.breakers.get(provider);
    if (!breaker) {
      breaker = new CircuitBreaker(provider, { ...this.defaults, ...options });
      this.breakers.set(provider, breaker);
    }
    return breaker;
  }

  list(): BreakerState[] {
    return [...this.breakers.values()].map((breaker) => breaker.snapshot());
  }

  clear(): void {
    this.breakers.clear();
  }
}

const holder = globalThis as unknown as { __aiBreakers?: BreakerRegistry };

/** The process-wide registry the chain built from the environment uses. */
export function defaultBreakerRegistry(): BreakerRegistry {
  holder.__aiBreakers ??= new BreakerRegistry();
  return holder.__aiBreakers;
}

/** Every provider's breaker state, for health and metrics. */
export function listBreakerStates(): BreakerState[] {
  return defaultBreakerRegistry().list();
}
