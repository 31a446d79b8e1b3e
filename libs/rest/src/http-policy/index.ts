export { EndpointPolicy, registerEndpointPolicy } from './endpoint-policy';
export {
  parseResponseHeaders,
  registerResponseHeaders,
  ResponseHeaderRule,
} from './response-headers';
export { apiVersion, resourceName } from './resource-names';
