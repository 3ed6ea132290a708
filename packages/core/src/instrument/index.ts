export { CALL_OPTIONS_KEY, type CallTelemetryOptions, splitCallOptions, withTelemetry } from './call-options';
export { type ApiPromiseHooks, observeApiPromise, observePromise } from './observe-api-promise';
export {
  createStreamActivity,
  type IteratorHooks,
  observeAsyncIterator,
  type StreamActivity,
} from './observe-async-iterator';
export { observeSdkStream, type SdkStreamHooks } from './observe-sdk-stream';
export { providerFromBaseURL } from './provider-from-base-url';
export {
  type DerivedClients,
  isProxiedClient,
  type MethodWrapper,
  proxyClient,
  type ResourceSpec,
} from './proxy-client';
export { type ClientWrapperOptions, sdkCallContext, tracedMethod } from './sdk-call-context';
export { startStreamDeadline } from './stream-deadline';
export { type SdkCallContext, type SdkCallMapper, traceSdkCall } from './trace-sdk-call';
