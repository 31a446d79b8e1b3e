export {
  collectExtensionNames,
  EndpointPolicy,
  registerApiSwitches,
  registerEndpointLists,
  servesApiOf,
  unknownListEntries,
} from './endpoint-policy';
export {
  applyResponseHeaders,
  parseResponseHeaders,
  registerResponseHeaders,
  ResponseHeaderRule,
} from './response-headers';
export { apiVersion, requestResourceName, resourceName } from './resource-names';
export { registerMediaTypes } from './media-types';
export { registerAllowedMethods } from './allowed-methods';
export { registerJsonAccept } from './json-accept';
export { registerContentTypeSyntax } from './content-type-syntax';
export { hijackReply } from './hijack-reply';
export { RouteTemplate, routeTemplate } from './route-template';
export { performanceMetricName, requestMetricName } from './performance-metric-names';
export { CrossOriginPolicy, registerCrossOrigin } from './cross-origin';
