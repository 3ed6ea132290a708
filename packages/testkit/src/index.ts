export {
  type MockServer,
  type MockServerOptions,
  type RecordedRequest,
  startMockServer,
} from './mock-server';
export { resolveModelSnapshot } from './model-snapshot';
export type {
  ScriptedError,
  ScriptedReply,
  ScriptedStreamError,
  ScriptedToolCall,
  ScriptedUsage,
} from './scripted-reply';
