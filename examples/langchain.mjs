// A LangChain prompt | model | parser sequence traced by Tapline, against the local mock server (no API key).
// Run: npm run build && node examples/langchain.mjs
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { ChatOpenAI } from '@langchain/openai';
import { configure } from '@tapline/core';
import { TaplineCallbackHandler } from '@tapline/langchain';
import { startMockServer } from '@tapline/testkit';

const server = await startMockServer({ chunkDelayMs: 5 });
const telemetry = configure({
  appName: 'langchain-example',
  exporter: { type: 'console' },
  flushOnExit: false,
});
const model = new ChatOpenAI({
  model: 'gpt-4o-mini',
  apiKey: 'sk-example',
  configuration: { baseURL: server.openaiBaseURL },
});
const chain = ChatPromptTemplate.fromTemplate('Tell me a fact about {topic}')
  .pipe(model)
  .pipe(new StringOutputParser());

const answer = await chain.invoke({ topic: 'otters' }, { callbacks: [new TaplineCallbackHandler()] });
console.log('answer:', answer);

await telemetry.shutdown();
await server.close();
