/** rest-utils' `dos.filter.*` (Jetty's DoSFilter): request rates of the whole gateway and per IP. */
export interface DosFilterOptions {
  /** `dos.filter.max.requests.per.sec`: requests per second of the whole gateway. */
  maxRequestsPerSec: number;
  /** `dos.filter.max.requests.per.connection.per.sec`: requests per second per client IP. */
  maxRequestsPerConnectionPerSec: number;
  /** `dos.filter.delay.ms`: -1 rejects a request over the rate (429), 0 throttles it at once, more delays it first. */
  delayMs: number;
  /** `dos.filter.throttled.requests`: over-rate requests served at once. */
  throttledRequests: number;
  /** `dos.filter.max.wait.ms` + `dos.filter.throttle.ms`: how long one waits to be served (then 429). */
  maxWaitMs: number;
  throttleMs: number;
  /** `dos.filter.insert.headers`: the `DoSFilter` response header (delayed, throttled, unavailable). */
  insertHeaders: boolean;
  /** `dos.filter.ip.whitelist`: client IPs never limited. */
  ipWhitelist: string[];
  /** `dos.filter.max.idle.tracker.ms`: a client IP's rate is forgotten after this long idle. */
  maxIdleTrackerMs: number;
}
