/** A loopback port nothing listens on (for "broker down" tests): the local broker's own helper. */
export { freePort } from '@gateway/local-broker';
