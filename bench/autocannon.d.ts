// autocannon ships no types and there is no @types package we install; this declares only what bench/ uses.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    /** One request of a connection's sequence; unset fields fall back to the options'. */
    type Request = {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      /** Called before each send of this request; what it returns is sent. */
      setupRequest?: (request: Request) => Request;
    };

    /** One connection; setupClient may give it its own requests, which it then loops over. */
    interface Client extends EventEmitter {
      setRequests(requests: Request[]): void;
    }

    type Options = {
      url: string;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      /** Seconds to wait for one response before counting a timeout. */
      timeout?: number;
      /** Called once for each connection as it is made. */
      setupClient?: (client: Client) => void;
    };

    /** hdr-histogram-percentiles-obj summary: has p50, p90, p97_5, p99 (no p95). */
    type Histogram = {
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total?: number;
      p50: number;
      p90: number;
      p97_5: number;
      p99: number;
    };

    type Result = {
      url: string;
      connections: number;
      /** Seconds. */
      duration: number;
      /** Requests completed per second, sampled once a second. */
      requests: Histogram & { sent: number };
      /** Milliseconds, whole numbers. */
      latency: Histogram;
      errors: number;
      timeouts: number;
      non2xx: number;
      statusCodeStats: Record<string, { count: number }>;
    };

    interface Instance extends EventEmitter, PromiseLike<Result> {
      stop(): void;
      on(
        event: 'response',
        listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void,
      ): this;
      /** A request that got no response: a connection error, or 'request timed out'. */
      on(event: 'reqError', listener: (error: Error) => void): this;
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
