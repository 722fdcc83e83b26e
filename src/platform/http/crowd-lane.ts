/**
 * Public writes that arrive in crowds (decision 0045): a consultation shared widely, or a popular
 * gathering's registration, brings many senders at once, and the readers the link brought with them.
 * Such requests (routes marked `crowd`: the input and the registration, by form or API) pass through
 * one lane: a few at a time, each started in a turn of the event loop of its own (after the requests
 * that arrived meanwhile were read), and, while other requests keep arriving, resting after each
 * write as long as it took. Readers therefore keep at least half of the process; with no one else
 * asking, writes go at full speed. A write waits in the lane, never refused for it: nothing sent is
 * lost, and it counts as sent when it was received.
 */
import type { FastifyInstance } from "fastify";

declare module "fastify" {
  interface FastifyRequest {
    /** Ends a crowd request's turn in the lane, once its answer is ready. */
    leaveCrowdLane?: () => void;
    /**
     * When a crowd request was received, before it waited in the lane: what it sent counts as sent
     * then (an input sent a moment before the consultation closes is taken, however long it waited).
     */
    receivedAt?: Date;
  }
}

export class CrowdLane {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** Requests that have arrived, and those of them for the lane: the others are the readers writes compete with. */
  private arrivals = 0;
  private crowdArrivals = 0;
  private othersAtLastEnd = 0;
  /** No write starts before this time (ms), while readers are served after the last write. */
  private restUntil = 0;
  private wake: NodeJS.Timeout | undefined;

  constructor(
    /** Writes at once: one where the database runs on this thread (PGlite), more where it is a server. */
    private readonly slots: number,
    /** The part of the process writes keep while readers keep arriving. */
    private readonly share = 0.5,
    /** Milliseconds on a monotonic clock (a test's own clock). */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A request arrived (any, counted where the server first sees it). */
  arrived(): void {
    this.arrivals++;
  }

  /** A request for the lane arrived (counted as it arrives, not when it enters, so it is never taken for a reader). */
  crowdArrived(): void {
    this.crowdArrivals++;
  }

  private others(): number {
    return this.arrivals - this.crowdArrivals;
  }

  /** Waits for the write's turn; answers the function that ends it (once its answer is ready). */
  async enter(): Promise<() => void> {
    await new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.startNext();
    });
    const started = this.now();
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.running--;
      const now = this.now();
      // Others arrived since the last write ended: they get as long as this one took. (Not "while it
      // ran": on PGlite nothing is read from a socket while a write runs, only between writes.)
      const others = this.others();
      if (others > this.othersAtLastEnd) {
        const rest = ((now - started) * (1 - this.share)) / this.share / this.slots;
        this.restUntil = Math.max(this.restUntil, now + rest);
      }
      this.othersAtLastEnd = others;
      this.startNext();
    };
  }

  /** Writes waiting and running, for the operator's metrics and tests. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private startNext(): void {
    while (this.running < this.slots && this.waiting.length > 0) {
      const wait = this.restUntil - this.now();
      if (wait > 0) {
        this.wake ??= setTimeout(() => {
          this.wake = undefined;
          this.startNext();
        }, Math.ceil(wait));
        return;
      }
      this.running++;
      // In a turn of the event loop of its own: PGlite runs statements inside promise callbacks, so a
      // write started from the last one's callback would follow it before any socket is read.
      const start = this.waiting.shift();
      if (start) setImmediate(start);
    }
  }
}

/** Every route that says `crowd` passes through the lane; every request counts as an arrival. */
export function admitCrowds(app: FastifyInstance, lane: CrowdLane): void {
  app.server.on("request", () => lane.arrived());
  app.addHook("onRequest", async (req) => {
    if (!req.routeOptions.config.crowd) return;
    lane.crowdArrived();
    req.receivedAt = new Date();
  });
  // After the body is read and the guards (CSRF) have passed, so a slow or missing body never holds a turn.
  app.addHook("preHandler", async (req, reply) => {
    if (!req.routeOptions.config.crowd) return;
    const leave = await lane.enter();
    // Its work is done once its answer is ready (onSend, below). A connection that closes ends it
    // otherwise, also one closed while it waited: a turn held by no one would stop the lane.
    req.leaveCrowdLane = leave;
    reply.raw.once("close", leave);
    if (reply.raw.destroyed || req.raw.destroyed) leave();
  });
  app.addHook("onSend", async (req) => req.leaveCrowdLane?.());
}
