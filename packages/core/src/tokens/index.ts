export { addUsage, leastCertainSource } from './add-usage';
export type {
  ChatContentPart,
  ChatFunctionInput,
  ChatMessageInput,
  ChatToolCallInput,
  ChatToolInput,
  ToolParameterInput,
} from './chat-message-input';
export { countChatTokens, countChatTokensSync } from './count-chat-tokens';
export { countTokens, countTokensSync, preloadTokenizer, type TokenCount } from './count-tokens';
export { countToolTokens } from './count-tool-tokens';
export { createTokenStage } from './create-token-stage';
export { encodingForModel, type TokenEncodingName } from './encoding-for-model';
export { estimateTokens } from './estimate-tokens';
export { type ImageDetail, type ImageSize, imageTokens } from './image-tokens';
export { createStreamTokenCounter, type StreamTokenCounter } from './stream-token-counter';
export type { TextCounter, TokenCountMethod } from './text-counter';
